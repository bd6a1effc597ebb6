/**
 * Reading application logs the way an SRE skims them: find the line that explains the exit,
 * and recognise a dependency that could not be reached, across runtimes and log formats.
 */

export const LineTier = { None: 0, Error: 1, Fatal: 2 } as const;
export type LineTier = (typeof LineTier)[keyof typeof LineTier];

/** A stack frame or continuation line: never the decisive line itself. */
const STACK_LINE =
  /^\s+at\s|^\s+File "|^\s*\.\.\. \d+ more|^goroutine \d+ \[|^\s+\/.*\.go:\d+|^\s*[\w.]+\(0x[0-9a-f]|^\t|^\s*\^\s*$|^\s+\S+\.(?:py|js|ts|rb|java):\d+/;
const LEVEL_QUIET = /(?:^|[\s[|"'])(?:level[=:]\s*"?)?(?:INFO|DEBUG|TRACE|NOTICE|I\d{4}\s)\b/;
const LEVEL_FATAL = /\b(?:FATAL|CRITICAL|CRIT|PANIC|EMERG)\b|level[=:]\s*"?(?:fatal|panic|critical)/i;
const FATAL_SHAPE =
  /^(?:panic|fatal error):|^\s*Caused by:|^Traceback|^Exception in thread|^(?:[\w$]+\.)*[\w$]*(?:Error|Exception|Exit|Failure)(?::|$)|Uncaught|Unhandled|FATAL ERROR|segmentation fault|core dumped|exec format error|executable file not found/i;
const ERROR_SHAPE =
  /\b(?:error|err|exception|failed|failure|fatal|panic|refused|denied|cannot|can't|could not|unable to|not found|no such|timed? ?out|traceback|killed|abort(?:ed|ing)?|address already in use|invalid|missing|required|unexpected|undefined|not set|bad|illegal|unsupported|unrecognized)\b|\bE\d{4}\s/i;
const BENIGN = /\b(?:0 errors?|no errors?|errors?=0|without errors?|error_count=0|retrying in|will retry|recovered)\b/i;

interface JsonLine {
  level?: unknown;
  severity?: unknown;
  lvl?: unknown;
  msg?: unknown;
  message?: unknown;
  error?: unknown;
  err?: unknown;
}

/** The message of a JSON log line with its level, or null when the line is not JSON. */
function parseJsonLine(line: string): { level: string; text: string } | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return null;
  try {
    const parsed = JSON.parse(trimmed) as JsonLine;
    const level = String(parsed.level ?? parsed.severity ?? parsed.lvl ?? '').toLowerCase();
    const parts = [parsed.msg, parsed.message, parsed.error, parsed.err].filter((p) => typeof p === 'string');
    return { level, text: parts.join(': ') || trimmed };
  } catch {
    return null;
  }
}

/** Strips a leading RFC 3339 timestamp, as the agent adds when `timestamps` is on. */
export function stripTimestamp(line: string): string {
  return line.replace(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})\s/, '');
}

export function isStackLine(line: string): boolean {
  return STACK_LINE.test(line);
}

/** How strongly a line reads as the reason for a failure. */
export function lineTier(rawLine: string): LineTier {
  const line = stripTimestamp(rawLine);
  if (line.trim() === '' || isStackLine(line)) return LineTier.None;
  const json = parseJsonLine(line);
  if (json) {
    if (['fatal', 'panic', 'critical', 'crit', 'emerg', 'alert'].includes(json.level)) return LineTier.Fatal;
    if (['error', 'err', 'e'].includes(json.level)) return LineTier.Error;
    return LineTier.None;
  }
  if (LEVEL_FATAL.test(line)) return LineTier.Fatal;
  if (LEVEL_QUIET.test(line) || BENIGN.test(line)) return LineTier.None;
  if (FATAL_SHAPE.test(line.trim())) return LineTier.Fatal;
  if (ERROR_SHAPE.test(line)) return LineTier.Error;
  return LineTier.None;
}

/** The text to match patterns against: a JSON line's message fields, else the line itself. */
export function lineText(rawLine: string): string {
  const line = stripTimestamp(rawLine);
  return parseJsonLine(line)?.text ?? line;
}

export interface DecisiveLines {
  /** Indices into the log's lines, oldest first; the last one is the most decisive. */
  indices: number[];
}

/**
 * The line that best explains why the process stopped: the last fatal-shaped line (a panic,
 * an uncaught exception, the root `Caused by:`), else the last error-shaped one; plus the nearest
 * earlier error line when it adds context (the exception header above a `Caused by:`).
 */
export function findDecisiveLines(lines: readonly string[]): DecisiveLines {
  let fatal = -1;
  let error = -1;
  for (let i = 0; i < lines.length; i++) {
    const tier = lineTier(lines[i] ?? '');
    if (tier === LineTier.Fatal) fatal = i;
    else if (tier === LineTier.Error) error = i;
  }
  // A generic wrapper (`Traceback ...`, `Exception in thread "main"` with no message) is less telling
  // than the error line after it.
  let chosen = fatal >= 0 ? fatal : error;
  if (chosen < 0) return { indices: [] };
  if (
    chosen === fatal &&
    error > fatal &&
    /^(?:Traceback|Exception in thread "[^"]*"\s*$)/.test(lines[fatal]?.trim() ?? '')
  ) {
    chosen = error;
  }
  const indices = [chosen];
  for (let i = chosen - 1; i >= Math.max(0, chosen - 6); i--) {
    const tier = lineTier(lines[i] ?? '');
    if (tier !== LineTier.None) {
      indices.unshift(i);
      break;
    }
  }
  return { indices };
}

export const DependencyFailure = {
  ConnectionRefused: 'connection_refused',
  Timeout: 'timeout',
  DnsFailure: 'dns_failure',
} as const;
export type DependencyFailure = (typeof DependencyFailure)[keyof typeof DependencyFailure];

const FAILURE_PATTERNS: ReadonlyArray<{ kind: DependencyFailure; pattern: RegExp }> = [
  {
    kind: DependencyFailure.DnsFailure,
    pattern:
      /no such host|ENOTFOUND|EAI_AGAIN|Name or service not known|Temporary failure in name resolution|could not translate host name|UnknownHostException|nodename nor servname|Name does not resolve|getaddrinfo failed|server misbehaving|NXDOMAIN|Could not resolve host|failed to resolve|unknown host|\[Errno -[235]\]/i,
  },
  // An explicit refusal or timeout token wins over a driver's generic "could not connect" wording.
  {
    kind: DependencyFailure.ConnectionRefused,
    pattern: /connection refused|ECONNREFUSED|Connection to \S+ refused|Errno 111|error 111|\(111: |actively refused/i,
  },
  {
    kind: DependencyFailure.Timeout,
    pattern:
      /i\/o timeout|ETIMEDOUT|ESOCKETTIMEDOUT|connect(?:ion)? timed? ?out|timed out (?:while )?(?:connecting|waiting for (?:server|connection))|timeout expired|ConnectTimeout|SocketTimeoutException|context deadline exceeded|Timeout(?:Error)?: .*connect|operation timed out|deadline exceeded/i,
  },
  {
    kind: DependencyFailure.ConnectionRefused,
    pattern:
      /ConnectException|connection reset by peer|ECONNRESET|EHOSTUNREACH|no route to host|network is unreachable|Communications link failure|Broker may not be available|could not connect to server|failed to connect to|Could not connect to Redis|Unable to connect to|Failed to establish a new connection|ServerSelection(?:Timeout)?Error|MongoNetworkError|NoBrokersAvailable|AMQPConnectionError|upstream connect error/i,
  },
];

/** Endpoints as runtimes and drivers print them; `h` is the host, `p` the port. */
const ENDPOINT_PATTERNS: readonly RegExp[] = [
  /dial tcp:? lookup (?<h>[\w.-]+)(?: on [\d.:[\]]+)?/i,
  /\blookup (?<h>[a-z][\w.-]*)(?=:|\s|$)/i,
  /dial (?:tcp|udp)\d? (?<h>\[[0-9a-f:]+\]|[\w.-]+):(?<p>\d{1,5})/i,
  /(?:getaddrinfo|lookup) (?:ENOTFOUND|EAI_AGAIN) (?<h>[\w.-]+)/i,
  /(?:ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ECONNRESET) (?<h>[\w.-]+|\[[0-9a-f:]+\]):(?<p>\d{1,5})/i,
  /could not translate host name "(?<h>[^"]+)"/i,
  /connection to server at "(?<h>[^"]+)"(?: \([^)]*\))?, port (?<p>\d{1,5})/i,
  /on host "(?<h>[^"]+)"[\s\S]*?port (?<p>\d{1,5})/i,
  /Connection to (?<h>[\w.-]+):(?<p>\d{1,5}) refused/i,
  /host='(?<h>[^']+)', port=(?<p>\d{1,5})/i,
  /host="(?<h>[^"]+)", port=(?<p>\d{1,5})/i,
  /Connection to node -?\d+ \((?<h>[\w.-]+)\/[\d.]+:(?<p>\d{1,5})\)/i,
  /UnknownHostException: (?<h>[\w.-]+)/i,
  /(?:connecting|connect|connection) to (?:\w+:\/\/)?(?:[^@\s]+@)?(?<h>[a-z][\w.-]*|\d{1,3}(?:\.\d{1,3}){3}):(?<p>\d{1,5})/i,
  /upstream: "\w+:\/\/(?<h>[\w.-]+):(?<p>\d{1,5})/i,
  /\w+:\/\/(?:[^@\s/]+@)?(?<h>[a-z][\w.-]*|\d{1,3}(?:\.\d{1,3}){3}):(?<p>\d{1,5})/i,
  /\b(?<h>[a-z][\w-]*(?:\.[\w-]+)*|\d{1,3}(?:\.\d{1,3}){3}):(?<p>\d{2,5})\b/i,
  /\bhost[=: ]+"?(?<h>[a-z][\w.-]+)"?/i,
];

/** Lines that mention a failure but are about this process serving, or are harmless retries. */
const NOT_A_DEPENDENCY = /listening on|listen tcp|bind: address already in use|health ?check|readiness|liveness/i;

export interface DependencyHit {
  kind: DependencyFailure;
  index: number;
  host: string | null;
  port: number | null;
}

export function matchDependencyFailure(rawLine: string): DependencyFailure | null {
  const text = lineText(rawLine);
  if (NOT_A_DEPENDENCY.test(text)) return null;
  for (const { kind, pattern } of FAILURE_PATTERNS) {
    if (pattern.test(text)) return kind;
  }
  return null;
}

const TIME_LIKE = /^\d{1,2}$/;
/** `Main.java:42`, `server.go:88`: a source position, not an endpoint. */
const SOURCE_FILE = /\.(?:java|kt|scala|go|py|js|mjs|cjs|ts|rb|cs|rs|c|cc|cpp|h|php|ex|exs)$/i;

/** The host and port a failure line names, looking at its neighbours when the line itself does not. */
export function extractEndpoint(lines: readonly string[], index: number): { host: string | null; port: number | null } {
  const order = [index, index + 1, index - 1, index + 2, index + 3, index - 2];
  let fallback: Endpoint = { host: null, port: null };
  for (const i of order) {
    const line = lines[i];
    if (line === undefined || (i !== index && isStackLine(line))) continue;
    const found = endpointsIn(line);
    // A name says more than an IP (and maps to the knowledge graph); a port says more than none.
    const best = found.find((e) => e.port !== null && !isIp(e.host)) ?? found.find((e) => e.port !== null) ?? found[0];
    if (!best) continue;
    if (best.port !== null || i === index) {
      if (best.port === null) {
        const ported = found.find((e) => e.port !== null);
        if (ported) return ported;
      }
      return best;
    }
    if (fallback.host === null) fallback = best;
  }
  return fallback;
}

interface Endpoint {
  host: string | null;
  port: number | null;
}

const isIp = (host: string | null) => host !== null && (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.includes(':'));

/** Every endpoint a line names, in pattern order; JSON lines also by their host/port fields. */
function endpointsIn(line: string): Endpoint[] {
  // The resolver's own address (`lookup x on 10.96.0.10:53`) is not the dependency.
  const text = lineText(line).replace(/ on \[?[\d.:a-f]+\]?:53\b/gi, '');
  const out: Endpoint[] = [];
  for (const pattern of ENDPOINT_PATTERNS) {
    const match = pattern.exec(text);
    const host = match?.groups?.h?.replace(/^\[|\]$/g, '') ?? null;
    if (!host || TIME_LIKE.test(host) || /^(?:https?|tcp|udp)$/i.test(host) || SOURCE_FILE.test(host)) continue;
    const port = match?.groups?.p ? Number(match.groups.p) : null;
    if (port !== null && (port < 1 || port > 65535)) continue;
    out.push({ host, port });
  }
  const json = jsonEndpoint(stripTimestamp(line));
  if (json) out.push(json);
  return out;
}

/** `{"msg":"db down","host":"orders-db","port":5432}`: structured loggers put the endpoint in fields. */
function jsonEndpoint(line: string): Endpoint | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return null;
  try {
    const fields = JSON.parse(trimmed) as Record<string, unknown>;
    const hostField = ['host', 'hostname', 'server', 'addr', 'address', 'target', 'peer', 'db_host']
      .map((k) => fields[k])
      .find((v) => typeof v === 'string') as string | undefined;
    const portField = ['port', 'db_port']
      .map((k) => fields[k])
      .find((v) => typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v)));
    if (!hostField) return null;
    const [h, p] = /^(.*?):(\d{1,5})$/.test(hostField) ? hostField.split(/:(?=\d+$)/) : [hostField, undefined];
    return {
      host: h ?? hostField,
      port: portField !== undefined ? Number(portField) : p !== undefined ? Number(p) : null,
    };
  } catch {
    return null;
  }
}

/** Every dependency failure in a log, oldest first. */
export function findDependencyFailures(lines: readonly string[]): DependencyHit[] {
  const hits: DependencyHit[] = [];
  lines.forEach((line, index) => {
    const kind = matchDependencyFailure(line);
    if (kind === null) return;
    const tier = lineTier(line);
    // An INFO/DEBUG line ("retrying connection ...") is chatter; so is a stack frame.
    if (tier === LineTier.None && (LEVEL_QUIET.test(stripTimestamp(line)) || isStackLine(line))) return;
    hits.push({ kind, index, ...extractEndpoint(lines, index) });
  });
  return hits;
}
