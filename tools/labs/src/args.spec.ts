import { parseLabArgs } from './args';

describe('parseLabArgs', () => {
  it('lists the labs when no name is given', () => {
    expect(parseLabArgs([])).toEqual({
      name: undefined,
      project: undefined,
      port: undefined,
      keep: false,
      help: false,
    });
  });

  it('reads a lab name and its options', () => {
    expect(parseLabArgs(['scaling', '--project', 'compose', '--port', '8080', '--keep'])).toEqual({
      name: 'scaling',
      project: 'compose',
      port: 8080,
      keep: true,
      help: false,
    });
  });

  it.each([
    [['a', 'b'], /one lab at a time/],
    [['network', '--port', 'http'], /not a TCP port/],
    [['network', '--port', '70000'], /not a TCP port/],
    [['network', '--project', 'Not A Name'], /not a compose project name/],
    [['network', '--bogus'], /bogus/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseLabArgs(argv)).toThrow(message);
  });
});
