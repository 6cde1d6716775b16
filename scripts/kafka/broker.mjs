#!/usr/bin/env node
// Runs a real, single-node Apache Kafka broker (KRaft, broker+controller in
// one JVM) for tests and local development, without Docker.
//
// The broker jars come from Maven Central through Maven (scripts/kafka/pom.xml)
// and are cached in .cache/kafka/<version>/. See docs/kafka-broker.md.
//
//   node scripts/kafka/broker.mjs fetch
//   node scripts/kafka/broker.mjs start  [--port 9092] [--dir DIR] [--keep] [--timeout 90]
//   node scripts/kafka/broker.mjs stop   [--port 9092] [--dir DIR] [--all]
//   node scripts/kafka/broker.mjs status [--port 9092] [--dir DIR]
//
// `start` prints only the bootstrap address (host:port) on stdout; every other
// message goes to stderr, so `BROKERS=$(node scripts/kafka/broker.mjs start)`
// works in shell scripts.
//
// Plain Node (>= 20) with no npm dependencies on purpose: it must work before
// `npm ci` and in any CI image that has Node, Java 17 and Maven.

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

/** Pinned broker release. Keep in sync with <kafka.version> in pom.xml. */
const DEFAULT_KAFKA_VERSION = '4.3.1';
const SCALA_BINARY_VERSION = '2.13';
const HOST = '127.0.0.1';
const NODE_ID = 1;

const SCRIPT_DIR = dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = resolve(SCRIPT_DIR, '..', '..');
const POM = join(SCRIPT_DIR, 'pom.xml');
const CACHE_ROOT = process.env.KAFKA_CACHE_DIR
  ? resolve(process.env.KAFKA_CACHE_DIR)
  : join(PROJECT_ROOT, '.cache', 'kafka');

const KAFKA_VERSION = process.env.KAFKA_VERSION || DEFAULT_KAFKA_VERSION;
const DEFAULT_PORT = Number(process.env.KAFKA_PORT || 9092);
const DEFAULT_START_TIMEOUT_S = Number(process.env.KAFKA_START_TIMEOUT || 90);
const STOP_TIMEOUT_S = Number(process.env.KAFKA_STOP_TIMEOUT || 30);
const HEAP_OPTS = process.env.KAFKA_HEAP_OPTS || '-Xms128m -Xmx512m';
// Tuned for a test broker on a small, busy machine: the serial collector and the
// C1-only JIT start faster and use less memory and CPU than G1 + C2, at the cost
// of peak throughput nobody needs in tests. Override with KAFKA_JVM_OPTS.
const JVM_OPTS =
  process.env.KAFKA_JVM_OPTS ||
  '-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true';
const LOG_LEVEL = (process.env.KAFKA_LOG_LEVEL || 'INFO').toUpperCase();

const MARKER = '.complete';
const COMPLETE_MARKER_NOTE = 'All runtime jars were copied by Maven; delete this folder to re-fetch.';

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

class UserError extends Error {}

const info = (msg) => process.stderr.write(`[kafka] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const opts = { _: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) {
      opts._.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const key = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (['keep', 'all', 'help'].includes(key)) {
      opts[key] = true;
    } else if (eq !== -1) {
      opts[key] = arg.slice(eq + 1);
    } else {
      if (i + 1 >= rest.length) throw new UserError(`--${key} needs a value`);
      opts[key] = rest[++i];
    }
  }
  return { command, opts };
}

function versionInfo(version) {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-[\w.]+)?$/.exec(version);
  if (!m) throw new UserError(`KAFKA_VERSION "${version}" is not a release version like 4.3.1`);
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major < 3 || (major === 3 && minor < 3)) {
    throw new UserError(`Kafka ${version} is too old: KRaft mode needs 3.3 or newer`);
  }
  return {
    version,
    major,
    minor,
    // Kafka 4.x logs through Log4j 2, Kafka 3.x through reload4j (log4j 1 API).
    logging: major >= 4 ? 'log4j2' : 'reload4j',
  };
}

function libDir(version) {
  return join(CACHE_ROOT, version);
}

function isFetched(version) {
  return existsSync(join(libDir(version), MARKER));
}

function javaBin() {
  if (process.env.JAVA) return process.env.JAVA;
  if (process.env.JAVA_HOME) return join(process.env.JAVA_HOME, 'bin', 'java');
  return 'java';
}

function checkJava(v) {
  const res = spawnSync(javaBin(), ['-version'], { encoding: 'utf8' });
  if (res.error) {
    throw new UserError(`cannot run Java (${javaBin()}): ${res.error.message}. Install a JDK 17+ or set JAVA_HOME.`);
  }
  const out = `${res.stderr}${res.stdout}`;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(out);
  let major = m ? Number(m[1]) : NaN;
  if (major === 1 && m[2]) major = Number(m[2]); // 1.8 -> 8
  const needed = v.major >= 4 ? 17 : 11;
  if (!(major >= needed)) {
    throw new UserError(`Kafka ${v.version} needs Java ${needed}+, but ${javaBin()} reports:\n${out.trim()}`);
  }
}

function tail(file, lines = 40) {
  try {
    const text = readFileSync(file, 'utf8');
    return text
      .split('\n')
      .slice(-lines - 1)
      .join('\n');
  } catch {
    return '(no log file)';
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === 'EPERM';
  }
  // An exited process whose parent has not reaped it yet (a zombie, e.g. under
  // a container init that does not reap) still answers kill(0): treat it as gone.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

function commandLineOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    const res = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return res.status === 0 ? res.stdout.trim() : '';
  }
}

/** Resident memory of a process in MiB, or null when unknown. */
function rssMiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    /* not Linux: fall back to ps */
  }
  const res = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
  const kb = Number(res.stdout?.trim());
  return res.status === 0 && kb > 0 ? kb / 1024 : null;
}

/** True when something accepts TCP connections on host:port. */
function portInUse(port) {
  return new Promise((resolvePromise) => {
    const srv = net.createServer();
    srv.once('error', (err) => resolvePromise(err.code === 'EADDRINUSE' || err.code === 'EACCES'));
    srv.once('listening', () => srv.close(() => resolvePromise(false)));
    srv.listen({ host: HOST, port, exclusive: true });
  });
}

/** Kafka-style random cluster id: 16 random bytes, base64url without padding. */
function randomClusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id; // Kafka's Uuid.randomUuid() avoids these too
  }
}

// ---------------------------------------------------------------------------
// Run directory layout
// ---------------------------------------------------------------------------

function runContext(opts) {
  const port = opts.port !== undefined ? Number(opts.port) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65534) {
    throw new UserError(`invalid --port "${opts.port}"`);
  }
  const dir = opts.dir ? resolve(opts.dir) : join(CACHE_ROOT, `run-${port}`);
  return {
    port,
    controllerPort: port + 1,
    bootstrap: `${HOST}:${port}`,
    dir,
    dataDir: join(dir, 'data'),
    propsFile: join(dir, 'server.properties'),
    pidFile: join(dir, 'kafka.pid'),
    logFile: join(dir, 'kafka.log'),
    stateFile: join(dir, 'broker.json'),
  };
}

function readState(ctx) {
  try {
    return JSON.parse(readFileSync(ctx.stateFile, 'utf8'));
  } catch {
    return null;
  }
}

/** Pid of the broker recorded in ctx.dir, if that process is still our broker. */
function runningPid(ctx) {
  let pid;
  try {
    pid = Number(readFileSync(ctx.pidFile, 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  const cmd = commandLineOf(pid);
  // Guard against pid reuse: only treat it as ours if it is a Kafka JVM
  // started with this run directory's server.properties.
  if (cmd && !(cmd.includes('kafka.Kafka') && cmd.includes(ctx.propsFile))) return null;
  return pid;
}

// ---------------------------------------------------------------------------
// Kafka wire protocol probe (ApiVersions + Metadata), no client library
// ---------------------------------------------------------------------------

const API_METADATA = 3;
const API_FIND_COORDINATOR = 10;
const API_VERSIONS = 18;
const API_INIT_PRODUCER_ID = 22;

function encodeString(s) {
  const b = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(2);
  len.writeInt16BE(b.length);
  return Buffer.concat([len, b]);
}

function requestFrame(apiKey, apiVersion, correlationId, body) {
  // Request header v1: api_key, api_version, correlation_id, client_id.
  const header = Buffer.alloc(8);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(correlationId, 4);
  const payload = Buffer.concat([header, encodeString('spinout-broker-probe'), body]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return Buffer.concat([size, payload]);
}

class Reader {
  constructor(buf) {
    this.buf = buf;
    this.pos = 0;
  }
  int16() {
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  int32() {
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  string() {
    const len = this.int16();
    if (len < 0) return null;
    const v = this.buf.toString('utf8', this.pos, this.pos + len);
    this.pos += len;
    return v;
  }
}

/** One connection that sends requests in sequence and returns response bodies. */
function kafkaConnection(port, timeoutMs) {
  return new Promise((resolveConn, rejectConn) => {
    const socket = net.connect({ host: HOST, port });
    let buffered = Buffer.alloc(0);
    let waiting = null;
    let failed = null;
    const fail = (err) => {
      failed = failed || err;
      rejectConn(failed); // no-op once connected
      if (waiting) waiting.reject(failed);
      waiting = null;
      socket.destroy();
    };
    socket.setTimeout(timeoutMs, () => fail(new Error('timed out waiting for the broker')));
    socket.on('error', fail);
    socket.once('close', () => fail(new Error('connection closed by the broker')));
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length >= 4) {
        const size = buffered.readInt32BE(0);
        if (buffered.length >= 4 + size && waiting) {
          const frame = buffered.subarray(4, 4 + size);
          buffered = buffered.subarray(4 + size);
          const w = waiting;
          waiting = null;
          w.resolve(frame);
        }
      }
    });
    socket.once('connect', () => {
      let correlationId = 0;
      resolveConn({
        request(apiKey, apiVersion, body) {
          if (failed) return Promise.reject(failed);
          const id = ++correlationId;
          return new Promise((resolveReq, rejectReq) => {
            waiting = {
              resolve: (frame) => {
                const r = new Reader(frame);
                const got = r.int32(); // response header v0: correlation_id
                if (got !== id) rejectReq(new Error(`unexpected correlation id ${got}`));
                else resolveReq(r);
              },
              reject: rejectReq,
            };
            socket.write(requestFrame(apiKey, apiVersion, id, body));
          });
        },
        close: () => socket.destroy(),
      });
    });
  });
}

/**
 * Asks the broker for ApiVersions and Metadata. Resolves with the brokers it
 * reports; rejects when the broker cannot be reached or does not answer.
 */
async function probe(port, timeoutMs = 3000) {
  const conn = await kafkaConnection(port, timeoutMs);
  try {
    // ApiVersions v0 (every broker version answers it).
    const av = await conn.request(API_VERSIONS, 0, Buffer.alloc(0));
    const errorCode = av.int16();
    if (errorCode !== 0) throw new Error(`ApiVersions error code ${errorCode}`);
    const apis = new Map();
    for (let n = av.int32(), i = 0; i < n; i++) {
      const key = av.int16();
      apis.set(key, { min: av.int16(), max: av.int16() });
    }
    const md = apis.get(API_METADATA);
    if (!md) throw new Error('broker does not advertise the Metadata API');
    // Non-flexible Metadata versions (v1..v8) are enough to list brokers.
    const version = Math.min(8, md.max);
    if (version < Math.max(1, md.min)) {
      throw new Error(`no usable Metadata version (broker supports v${md.min}-v${md.max})`);
    }
    const parts = [Buffer.from([0, 0, 0, 0])]; // topics: empty array
    if (version >= 4) parts.push(Buffer.from([0])); // allow_auto_topic_creation=false
    if (version >= 8) parts.push(Buffer.from([0, 0])); // include_*_authorized_operations
    const r = await conn.request(API_METADATA, version, Buffer.concat(parts));
    if (version >= 3) r.int32(); // throttle_time_ms
    const brokers = [];
    for (let n = r.int32(), i = 0; i < n; i++) {
      const nodeId = r.int32();
      const host = r.string();
      const brokerPort = r.int32();
      r.string(); // rack
      brokers.push({ nodeId, host, port: brokerPort });
    }
    const clusterId = version >= 2 ? r.string() : null;
    const controllerId = r.int32();
    return { apiCount: apis.size, metadataVersion: version, brokers, clusterId, controllerId };
  } finally {
    conn.close();
  }
}

/**
 * Warm-up done by `start` after the broker is up, so that the first test does
 * not hit (retriable, but noisy) "coordinator not available / loading" errors:
 *  - FindCoordinator for a group and for a transactional id makes the broker
 *    create __consumer_offsets and __transaction_state;
 *  - InitProducerId without a transactional id makes it fetch its first block
 *    of producer ids from the controller (needed by idempotent producers).
 * Resolves true once all of them succeed.
 */
async function warmUp(port) {
  const conn = await kafkaConnection(port, 3000);
  try {
    const av = await conn.request(API_VERSIONS, 0, Buffer.alloc(0));
    if (av.int16() !== 0) return false;
    const apis = new Map();
    for (let n = av.int32(), i = 0; i < n; i++) {
      const key = av.int16();
      apis.set(key, { min: av.int16(), max: av.int16() });
    }
    // Highest version not above `highest` (the last non-flexible one we encode).
    const pick = (key, lowest, highest) => {
      const range = apis.get(key);
      const version = range ? Math.min(highest, range.max) : -1;
      return range && version >= Math.max(lowest, range.min) ? version : null;
    };

    const fc = pick(API_FIND_COORDINATOR, 1, 2); // v1-v2: key + key_type
    if (fc !== null) {
      for (const keyType of [0, 1]) {
        const body = Buffer.concat([encodeString('spinout-broker-warmup'), Buffer.from([keyType])]);
        const r = await conn.request(API_FIND_COORDINATOR, fc, body);
        r.int32(); // throttle_time_ms
        if (r.int16() !== 0) return false;
      }
    }

    const ip = pick(API_INIT_PRODUCER_ID, 0, 1); // v0-v1: transactional_id, timeout
    if (ip !== null) {
      const body = Buffer.alloc(6);
      body.writeInt16BE(-1, 0); // transactional_id = null (idempotent producer)
      body.writeInt32BE(60000, 2); // transaction_timeout_ms
      const r = await conn.request(API_INIT_PRODUCER_ID, ip, body);
      r.int32(); // throttle_time_ms
      if (r.int16() !== 0) return false;
    }
    return true;
  } finally {
    conn.close();
  }
}

/** Ready = the broker answers Metadata and lists itself as a live broker. */
async function checkReady(port) {
  const res = await probe(port);
  if (!res.brokers.some((b) => b.nodeId === NODE_ID)) {
    throw new Error('broker answers but has not registered itself yet');
  }
  return res;
}

// ---------------------------------------------------------------------------
// fetch
// ---------------------------------------------------------------------------

function fetchKafka({ quietIfCached = false } = {}) {
  const v = versionInfo(KAFKA_VERSION);
  const target = libDir(v.version);
  if (isFetched(v.version)) {
    if (!quietIfCached) info(`Kafka ${v.version} already cached in ${target}`);
    return target;
  }
  const mvn = process.env.MVN || 'mvn';
  const tmp = join(CACHE_ROOT, `.tmp-${v.version}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(CACHE_ROOT, { recursive: true });

  const args = [
    '-B',
    '-q',
    '-Dstyle.color=never',
    '-f',
    POM,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${tmp}`,
    '-DincludeScope=runtime',
    `-Dkafka.version=${v.version}`,
    `-Dscala.binary.version=${SCALA_BINARY_VERSION}`,
    v.logging === 'log4j2' ? '-Plog4j2,!reload4j' : '-Preload4j,!log4j2',
  ];
  info(`fetching org.apache.kafka:kafka_${SCALA_BINARY_VERSION}:${v.version} (+ ${v.logging} logging) with Maven ...`);
  const started = Date.now();
  const res = spawnSync(mvn, args, { cwd: SCRIPT_DIR, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.error) {
    rmSync(tmp, { recursive: true, force: true });
    throw new UserError(`cannot run Maven (${mvn}): ${res.error.message}. Install Maven 3.6+ or set MVN.`);
  }
  if (res.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    // Maven 3.8 still emits colour resets with -B -q; keep the message plain.
    const output = `${res.stdout}${res.stderr}`.replace(/\u001b\[[0-9;]*m/g, '').trim();
    throw new UserError(`Maven could not resolve Kafka ${v.version} (exit ${res.status}):\n${output}`);
  }
  const brokerJar = `kafka_${SCALA_BINARY_VERSION}-${v.version}.jar`;
  const jars = existsSync(tmp) ? readdirSync(tmp).filter((f) => f.endsWith('.jar')) : [];
  if (!jars.includes(brokerJar)) {
    rmSync(tmp, { recursive: true, force: true });
    throw new UserError(`Maven finished but ${brokerJar} is missing from its output`);
  }
  writeFileSync(
    join(tmp, MARKER),
    `${COMPLETE_MARKER_NOTE}\nkafka ${v.version}\nlogging ${v.logging}\n${jars.sort().join('\n')}\n`,
  );
  rmSync(target, { recursive: true, force: true });
  renameSync(tmp, target);
  const mb = jars.reduce((sum, f) => sum + statSync(join(target, f)).size, 0) / 1024 / 1024;
  info(`cached ${jars.length} jars (${mb.toFixed(1)} MiB) in ${target} in ${seconds(Date.now() - started)}`);
  return target;
}

// ---------------------------------------------------------------------------
// start
// ---------------------------------------------------------------------------

function serverProperties(ctx, v) {
  const lines = [
    '# Written by scripts/kafka/broker.mjs on every start; edits are overwritten.',
    '# Single-node KRaft cluster: this JVM is both broker and controller.',
    'process.roles=broker,controller',
    `node.id=${NODE_ID}`,
    `controller.quorum.voters=${NODE_ID}@${HOST}:${ctx.controllerPort}`,
    `listeners=PLAINTEXT://${HOST}:${ctx.port},CONTROLLER://${HOST}:${ctx.controllerPort}`,
    `advertised.listeners=PLAINTEXT://${ctx.bootstrap}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${ctx.dataDir}`,
    '',
    '# One node: every internal topic gets replication factor 1.',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    '',
    '# Test friendly: no rebalance delay, topics created on first use,',
    '# few partitions for internal topics so the first group join is quick.',
    'group.initial.rebalance.delay.ms=0',
    'num.partitions=3',
    'auto.create.topics.enable=true',
    'delete.topic.enable=true',
    'offsets.topic.num.partitions=3',
    'transaction.state.log.num.partitions=3',
    '',
    '# Keep the footprint small (the default cleaner buffer alone is 128 MiB of heap).',
    'log.cleaner.dedupe.buffer.size=16777216',
    'num.network.threads=2',
    'num.io.threads=4',
    'num.recovery.threads.per.data.dir=1',
  ];
  if (v.major >= 4) {
    lines.push(
      '',
      '# Share groups (Kafka 4.x) also need a single-replica state topic.',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
    );
  }
  return `${lines.join('\n')}\n`;
}

function loggingSetup(ctx, v) {
  if (v.logging === 'log4j2') {
    const file = join(ctx.dir, 'log4j2.properties');
    writeFileSync(
      file,
      [
        'status = warn',
        'name = kafka-broker',
        'appender.stdout.type = Console',
        'appender.stdout.name = STDOUT',
        'appender.stdout.layout.type = PatternLayout',
        'appender.stdout.layout.pattern = [%d] %p %m (%c)%n',
        `rootLogger.level = ${LOG_LEVEL}`,
        'rootLogger.appenderRef.stdout.ref = STDOUT',
        'logger.request.name = kafka.request.logger',
        'logger.request.level = WARN',
        '',
      ].join('\n'),
    );
    return [`-Dlog4j2.configurationFile=${pathToFileURL(file).href}`];
  }
  const file = join(ctx.dir, 'log4j.properties');
  writeFileSync(
    file,
    [
      `log4j.rootLogger=${LOG_LEVEL}, stdout`,
      'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
      'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
      'log4j.logger.kafka.request.logger=WARN',
      '',
    ].join('\n'),
  );
  return [`-Dlog4j.configuration=${pathToFileURL(file).href}`];
}

function splitOpts(s) {
  return s.split(/\s+/).filter(Boolean);
}

async function start(opts) {
  const t0 = Date.now();
  const ctx = runContext(opts);
  const v = versionInfo(KAFKA_VERSION);
  const timeoutS = opts.timeout !== undefined ? Number(opts.timeout) : DEFAULT_START_TIMEOUT_S;

  const existing = runningPid(ctx);
  if (existing) {
    try {
      await checkReady(ctx.port);
      info(`already running (pid ${existing}) on ${ctx.bootstrap}`);
      process.stdout.write(`${ctx.bootstrap}\n`);
      return;
    } catch (err) {
      throw new UserError(
        `a broker (pid ${existing}) is already running from ${ctx.dir} but does not answer: ${err.message}\n` +
          `stop it first: node scripts/kafka/broker.mjs stop --port ${ctx.port}`,
      );
    }
  }
  for (const p of [ctx.port, ctx.controllerPort]) {
    if (await portInUse(p)) {
      throw new UserError(
        `port ${HOST}:${p} is already in use (the broker needs ${ctx.port} and ${ctx.controllerPort})`,
      );
    }
  }

  checkJava(v);
  const lib = fetchKafka({ quietIfCached: true });
  const classpath = join(lib, '*');

  mkdirSync(ctx.dir, { recursive: true });
  const formatted = existsSync(join(ctx.dataDir, 'meta.properties'));
  if (!opts.keep || !formatted) rmSync(ctx.dataDir, { recursive: true, force: true });
  writeFileSync(ctx.propsFile, serverProperties(ctx, v));
  const logOpts = loggingSetup(ctx, v);

  let clusterId = readState(ctx)?.clusterId;
  if (!opts.keep || !formatted) {
    clusterId = randomClusterId();
    const formatArgs = [
      '-Xmx256m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      ...logOpts,
      '-cp',
      classpath,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      ctx.propsFile,
    ];
    const fmt = spawnSync(javaBin(), formatArgs, { encoding: 'utf8' });
    if (fmt.status !== 0) {
      throw new UserError(`formatting storage failed (exit ${fmt.status}):\n${`${fmt.stdout}${fmt.stderr}`.trim()}`);
    }
    info(`formatted fresh storage in ${ctx.dataDir} (cluster id ${clusterId})`);
  } else {
    info(`keeping existing storage in ${ctx.dataDir}`);
  }

  if (existsSync(ctx.logFile)) renameSync(ctx.logFile, `${ctx.logFile}.1`);
  const logFd = openSync(ctx.logFile, 'w');
  const javaArgs = [
    ...splitOpts(HEAP_OPTS),
    ...splitOpts(JVM_OPTS),
    ...logOpts,
    `-Dkafka.logs.dir=${ctx.dir}`,
    '-cp',
    classpath,
    'kafka.Kafka',
    ctx.propsFile,
  ];
  const spawnedAt = Date.now();
  const child = spawn(javaBin(), javaArgs, { cwd: ctx.dir, detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const pid = child.pid;
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
  });
  child.once('error', (err) => {
    exited = { error: err };
  });
  if (!pid) {
    await sleep(100);
    throw new UserError(`could not start Java: ${exited?.error?.message ?? 'unknown error'}`);
  }
  writeFileSync(ctx.pidFile, `${pid}\n`);
  writeFileSync(
    ctx.stateFile,
    `${JSON.stringify(
      {
        version: v.version,
        pid,
        bootstrap: ctx.bootstrap,
        port: ctx.port,
        controllerPort: ctx.controllerPort,
        clusterId,
        dir: ctx.dir,
        logFile: ctx.logFile,
        startedAt: new Date(spawnedAt).toISOString(),
      },
      null,
      2,
    )}\n`,
  );
  info(`started Kafka ${v.version} (pid ${pid}), log: ${ctx.logFile}; waiting up to ${timeoutS} s ...`);

  // Ctrl+C while waiting: do not leave a half-started broker behind.
  const abort = () => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    rmSync(ctx.pidFile, { force: true });
    process.exit(130);
  };
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);

  const deadline = spawnedAt + timeoutS * 1000;
  let lastError = 'no answer yet';
  for (;;) {
    if (exited) {
      rmSync(ctx.pidFile, { force: true });
      const how = exited.error
        ? exited.error.message
        : `exit code ${exited.code}${exited.signal ? `, signal ${exited.signal}` : ''}`;
      throw new UserError(`the broker exited during startup (${how}). Last log lines:\n${tail(ctx.logFile)}`);
    }
    try {
      await checkReady(ctx.port);
      if (await warmUp(ctx.port)) break;
      lastError = 'coordinators / producer ids not available yet';
    } catch (err) {
      lastError = err.message;
    }
    if (Date.now() > deadline) {
      await killAndWait(pid, 5);
      rmSync(ctx.pidFile, { force: true });
      throw new UserError(
        `the broker did not become ready on ${ctx.bootstrap} within ${timeoutS} s (last check: ${lastError}); ` +
          `it was killed. Last log lines:\n${tail(ctx.logFile)}`,
      );
    }
    await sleep(250);
  }
  process.removeListener('SIGINT', abort);
  process.removeListener('SIGTERM', abort);
  child.unref();

  const rss = rssMiB(pid);
  info(
    `ready on ${ctx.bootstrap} after ${seconds(Date.now() - spawnedAt)} ` +
      `(${seconds(Date.now() - t0)} in total)` +
      (rss ? `, RSS ${rss.toFixed(0)} MiB` : ''),
  );
  process.stdout.write(`${ctx.bootstrap}\n`);
}

// ---------------------------------------------------------------------------
// stop / status
// ---------------------------------------------------------------------------

async function waitForExit(pid, timeoutS) {
  const deadline = Date.now() + timeoutS * 1000;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(200);
  }
  return !isAlive(pid);
}

async function killAndWait(pid, timeoutS) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  await waitForExit(pid, timeoutS);
}

async function stopOne(ctx) {
  const pid = runningPid(ctx);
  if (!pid) {
    rmSync(ctx.pidFile, { force: true });
    info(`not running (${ctx.dir})`);
    return;
  }
  const t0 = Date.now();
  info(`stopping broker pid ${pid} on ${ctx.bootstrap} (SIGTERM) ...`);
  process.kill(pid, 'SIGTERM');
  if (await waitForExit(pid, STOP_TIMEOUT_S)) {
    info(`stopped cleanly in ${seconds(Date.now() - t0)}`);
  } else {
    info(`still running after ${STOP_TIMEOUT_S} s, sending SIGKILL`);
    await killAndWait(pid, 10);
    if (isAlive(pid)) throw new UserError(`pid ${pid} survived SIGKILL`);
    info('killed');
  }
  rmSync(ctx.pidFile, { force: true });
}

function allRunDirs() {
  if (!existsSync(CACHE_ROOT)) return [];
  return readdirSync(CACHE_ROOT)
    .filter((name) => /^run-\d+$/.test(name))
    .map((name) => runContext({ port: name.slice(4), dir: join(CACHE_ROOT, name) }));
}

async function stop(opts) {
  if (opts.all) {
    const dirs = allRunDirs();
    if (dirs.length === 0) info('no run directories');
    for (const ctx of dirs) await stopOne(ctx);
    return;
  }
  await stopOne(runContext(opts));
}

async function status(opts) {
  const ctx = runContext(opts);
  const state = readState(ctx);
  const pid = runningPid(ctx);
  if (!pid) {
    console.log(`kafka ${ctx.bootstrap}: not running (run dir ${ctx.dir})`);
    if (await portInUse(ctx.port)) console.log(`note: something else is listening on ${ctx.bootstrap}`);
    process.exitCode = 3;
    return;
  }
  const rss = rssMiB(pid);
  const lines = [
    `kafka ${state?.version ?? '?'} pid ${pid}` + (rss ? `, RSS ${rss.toFixed(0)} MiB` : ''),
    `  bootstrap:  ${ctx.bootstrap}`,
    `  started:    ${state?.startedAt ?? '?'}`,
    `  cluster id: ${state?.clusterId ?? '?'}`,
    `  run dir:    ${ctx.dir}`,
    `  log:        ${ctx.logFile}`,
  ];
  try {
    const res = await checkReady(ctx.port);
    const brokers = res.brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`).join(', ');
    lines.push(`  state:      ready (Metadata v${res.metadataVersion}, ${res.apiCount} APIs, brokers ${brokers})`);
  } catch (err) {
    lines.push(`  state:      NOT ready: ${err.message}`);
    process.exitCode = 1;
  }
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------

const USAGE = `Usage: node scripts/kafka/broker.mjs <command> [options]

Commands:
  fetch                 Download Kafka ${KAFKA_VERSION} and its runtime jars with Maven
                        into .cache/kafka/<version>/ (skipped when cached).
  start                 Format fresh storage, start a single-node KRaft broker,
                        wait until it answers, print its bootstrap address.
  stop                  SIGTERM the broker, SIGKILL after ${STOP_TIMEOUT_S} s.
  status                Show pid, memory and whether the broker answers
                        (exit 0 ready, 1 not answering, 3 not running).

Options:
  --port N              Client port (default ${DEFAULT_PORT}); the controller uses N+1.
  --dir DIR             Run directory (default .cache/kafka/run-<port>).
  --keep                start: reuse existing storage (topics and offsets survive).
  --timeout S           start: seconds to wait for readiness (default ${DEFAULT_START_TIMEOUT_S}).
  --all                 stop: stop every broker under .cache/kafka/run-*.

Environment: KAFKA_VERSION, KAFKA_PORT, KAFKA_HEAP_OPTS, KAFKA_JVM_OPTS,
KAFKA_LOG_LEVEL, KAFKA_START_TIMEOUT, KAFKA_STOP_TIMEOUT, KAFKA_CACHE_DIR,
JAVA_HOME / JAVA, MVN. See docs/kafka-broker.md.
`;

async function main() {
  const { command, opts } = parseArgs(process.argv.slice(2));
  if (!command || opts.help || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return;
  }
  switch (command) {
    case 'fetch':
      fetchKafka();
      return;
    case 'start':
      return start(opts);
    case 'stop':
      return stop(opts);
    case 'status':
      return status(opts);
    default:
      throw new UserError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

main().catch((err) => {
  if (err instanceof UserError) {
    process.stderr.write(`[kafka] error: ${err.message}\n`);
  } else {
    process.stderr.write(`[kafka] unexpected error: ${err.stack || err}\n`);
  }
  process.exit(1);
});
