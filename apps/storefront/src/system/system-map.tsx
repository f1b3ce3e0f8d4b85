import {
  HEALTH_COLOURS,
  formatMs,
  formatRate,
  layoutMap,
  replicaLabel,
  serviceHealth,
  type Box,
  type Health,
  type SystemSnapshot,
} from './model';

const CIRCUIT_WORDS: Record<string, string> = {
  closed: 'circuit closed',
  open: 'circuit OPEN',
  'half-open': 'circuit half-open',
  isolated: 'circuit isolated',
  unknown: 'circuit ?',
};

function Node({
  box,
  health,
  lines,
  title,
  testId,
}: {
  box: Box;
  health: Health;
  lines: string[];
  title: string;
  testId: string;
}) {
  const colour = HEALTH_COLOURS[health];
  return (
    <g data-testid={testId} data-health={health}>
      <rect
        x={box.x}
        y={box.y}
        width={box.width}
        height={box.height}
        rx={6}
        fill={colour.fill}
        stroke={colour.stroke}
        strokeWidth={health === 'down' ? 3 : 1.5}
      />
      <text x={box.x + 10} y={box.y + 20} fill={colour.text} className="map-title">
        {title}
      </text>
      {lines.map((line, i) => (
        <text
          key={i}
          x={box.x + 10}
          y={box.y + 38 + i * 16}
          fill={colour.text}
          className="map-line"
        >
          {line}
        </text>
      ))}
    </g>
  );
}

/** The map itself: SVG, laid out by model.ts, coloured by health. */
export function SystemMap({ snapshot, stale }: { snapshot: SystemSnapshot; stale: boolean }) {
  const layout = layoutMap(snapshot);
  const gatewayBottom = {
    x: layout.gateway.x + layout.gateway.width / 2,
    y: layout.gateway.y + layout.gateway.height,
  };
  const summary = snapshot.services
    .map((s) => `${s.name} ${serviceHealth(s)}, ${s.replicas.length} replica(s)`)
    .join('; ');
  return (
    <div className={stale ? 'map stale' : 'map'}>
      <svg
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width="100%"
        role="img"
        aria-label={`System map: ${summary}; Kafka ${snapshot.kafka}; Postgres ${snapshot.postgres}.`}
      >
        {layout.services.map(({ name, box }) => {
          const from = { x: box.x + box.width / 2, y: box.y + box.height };
          return (
            <g key={`edges-${name}`} className="edge">
              <line
                x1={gatewayBottom.x}
                y1={gatewayBottom.y}
                x2={box.x + box.width / 2}
                y2={box.y}
              />
              <line
                x1={from.x}
                y1={from.y}
                x2={layout.kafka.x + layout.kafka.width / 2}
                y2={layout.kafka.y}
              />
              <line
                x1={from.x}
                y1={from.y}
                x2={layout.postgres.x + layout.postgres.width / 2}
                y2={layout.postgres.y}
              />
            </g>
          );
        })}
        <Node
          box={layout.gateway}
          health="up"
          title="gateway"
          testId="map-gateway"
          lines={[snapshot.gateway.replica ?? '']}
        />
        {layout.services.map(({ name, box, replicas }, i) => {
          const s = snapshot.services[i];
          const health = serviceHealth(s);
          const lags = Object.entries(s.consumerLag);
          const lines = [
            `${health} · ${CIRCUIT_WORDS[s.circuit]}`,
            `${formatRate(s.requestsPerSecond)} · ${formatMs(s.p95Ms)}`,
            lags.length > 0
              ? `lag ${lags.map(([g, n]) => (lags.length > 1 ? `${g} ${n}` : String(n))).join(', ')}`
              : 'lag –',
            `outbox ${s.outboxBacklog ?? '–'}${s.pendingOrders !== null ? ` · pending ${s.pendingOrders}` : ''}`,
          ];
          return (
            <g key={name}>
              <Node
                box={box}
                health={health}
                title={name}
                testId={`map-service-${name}`}
                lines={lines}
              />
              {s.replicas.length === 0 && (
                <text
                  x={box.x + 10}
                  y={box.y + 112}
                  className="map-line"
                  fill={HEALTH_COLOURS[health].text}
                >
                  no replica answering
                </text>
              )}
              {replicas.map((r, j) => {
                const replica = s.replicas[j];
                const c = replica.consumer;
                return (
                  <Node
                    key={replica.id}
                    box={r}
                    health={replica.health}
                    title={replicaLabel(replica.id)}
                    testId={`map-replica-${replica.id}`}
                    lines={[
                      `${formatRate(replica.requestsPerSecond)} · ${formatMs(replica.p95Ms)}`,
                      c
                        ? `${c.state} · ${c.partitions ?? '?'} part. · lag ${c.lag ?? '?'}`
                        : (replica.address ?? ''),
                      replica.outboxBacklog !== null ? `outbox ${replica.outboxBacklog}` : '',
                    ].filter(Boolean)}
                  />
                );
              })}
            </g>
          );
        })}
        <Node
          box={layout.kafka}
          health={snapshot.kafka}
          title="Kafka"
          testId="map-kafka"
          lines={[snapshot.kafka]}
        />
        <Node
          box={layout.postgres}
          health={snapshot.postgres}
          title="Postgres"
          testId="map-postgres"
          lines={[snapshot.postgres]}
        />
      </svg>
      <ul className="legend" aria-label="Colours">
        {(['up', 'degraded', 'down', 'unknown'] as const).map((h) => (
          <li key={h}>
            <span
              className="swatch"
              style={{ background: HEALTH_COLOURS[h].fill, borderColor: HEALTH_COLOURS[h].stroke }}
            />{' '}
            {h}
          </li>
        ))}
      </ul>
    </div>
  );
}
