#!/usr/bin/env bash
# kafka-metadata-quorum.sh of the shop-local/kafka stand-in (same class as Kafka 3.9's script).
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.MetadataQuorumCommand "$@"
