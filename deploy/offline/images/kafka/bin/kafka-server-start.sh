#!/usr/bin/env bash
# kafka-server-start.sh of the stand-in. Default heap is smaller than Kafka's (-Xmx1G -Xms1G).
if [ $# -lt 1 ]; then
  echo "USAGE: $0 [-daemon] server.properties [--override property=value]*"
  exit 1
fi
base_dir=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${KAFKA_LOG4J_OPTS:-}" ]; then
  export KAFKA_LOG4J_OPTS="-Dlog4j.configuration=file:$base_dir/config/log4j.properties"
fi
if [ -z "${KAFKA_HEAP_OPTS:-}" ]; then
  export KAFKA_HEAP_OPTS="-Xmx512m -Xms512m"
fi
if [ "${1:-}" = "-daemon" ]; then shift; fi
exec "$base_dir/bin/kafka-run-class.sh" kafka.Kafka "$@"
