#!/usr/bin/env bash
# Minimal kafka-run-class.sh of the shop-local/kafka stand-in (the image has Kafka's jars
# from Maven Central, not the release tarball). Honours the same variables as Kafka's:
# KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_GC_LOG_OPTS, KAFKA_JMX_OPTS, JMX_PORT,
# KAFKA_LOG4J_OPTS, KAFKA_OPTS, LOG_DIR, CLASSPATH, JAVA_HOME.
if [ $# -lt 1 ]; then
  echo "USAGE: $0 [-daemon] [-name servicename] [-loggc] classname [opts]"
  exit 1
fi
base_dir=$(cd "$(dirname "$0")/.." && pwd)

while [ $# -gt 0 ]; do
  case "$1" in
    -name) shift 2 ;;
    -loggc|-daemon) shift ;;   # always foreground, no GC log file
    *) break ;;
  esac
done

CLASSPATH="${CLASSPATH:+$CLASSPATH:}$base_dir/libs/*"
LOG_DIR=${LOG_DIR:-$base_dir/logs}
if [ -z "${KAFKA_LOG4J_OPTS:-}" ]; then
  KAFKA_LOG4J_OPTS="-Dlog4j.configuration=file:$base_dir/config/tools-log4j.properties"
fi
KAFKA_LOG4J_OPTS="-Dkafka.logs.dir=$LOG_DIR $KAFKA_LOG4J_OPTS"
if [ -z "${KAFKA_HEAP_OPTS:-}" ]; then
  KAFKA_HEAP_OPTS="-Xmx256M"
fi
if [ -z "${KAFKA_JVM_PERFORMANCE_OPTS:-}" ]; then
  KAFKA_JVM_PERFORMANCE_OPTS="-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true"
fi
if [ -z "${KAFKA_JMX_OPTS:-}" ]; then
  KAFKA_JMX_OPTS="-Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false"
fi
if [ -n "${JMX_PORT:-}" ]; then
  KAFKA_JMX_OPTS="$KAFKA_JMX_OPTS -Dcom.sun.management.jmxremote.port=$JMX_PORT"
  case "$KAFKA_JMX_OPTS" in
    *com.sun.management.jmxremote.rmi.port*) ;;
    *) KAFKA_JMX_OPTS="$KAFKA_JMX_OPTS -Dcom.sun.management.jmxremote.rmi.port=$JMX_PORT" ;;
  esac
fi
if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

# shellcheck disable=SC2086  # option strings are word-split on purpose, as in Kafka's script
exec "$JAVA" $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS ${KAFKA_GC_LOG_OPTS:-} $KAFKA_JMX_OPTS \
  $KAFKA_LOG4J_OPTS -cp "$CLASSPATH" ${KAFKA_OPTS:-} "$@"
