// Runs the cluster suite's files in the order of their names (1-..., 2-..., ...): the node
// failure comes last, as it leaves one node empty.
const Sequencer = require('@jest/test-sequencer').default;

class ByNameSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => a.path.localeCompare(b.path));
  }
}

module.exports = ByNameSequencer;
