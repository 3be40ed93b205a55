// pubsub-client.js: a small, dependency-free client for the pub/sub WebSocket protocol (v1).
// Copy this file into a front end and import it as an ES module.

/** Reply types of the protocol. Every other frame type is a delivery. */
const CONTROL_TYPES = new Set(['auth.success', 'subscribed', 'unsubscribed', 'published', 'pong', 'error']);
const AUTH_FAILED = 4401;

const DEFAULTS = {
  tokenTransport: 'auth-frame', reconnect: true, minDelayMs: 500, maxDelayMs: 30000, requestTimeoutMs: 10000, heartbeatMs: 25000,
};

/** An Error that also carries the fields of a server error frame (type, code, message, id, topic). */
const frameError = (frame) => Object.assign(new Error(frame.message || frame.code), frame, { frame });

/** An Error raised by the client itself: code 'timeout', 'closed', 'not_connected' or 'auth_failed'. */
const localError = (code, message) => Object.assign(new Error(message), { code });

const toList = (topics) => (typeof topics === 'string' ? [topics] : [...topics]);

/**
 * A pub/sub WebSocket client with request/reply correlation, automatic reconnection (exponential
 * backoff with full jitter), re-subscription after every reconnect and an application heartbeat.
 *
 * Events (`on(event, fn)`):
 * - `state` (state, delayMs): 'connecting' | 'authenticating' | 'connected' | 'reconnecting' | 'closed';
 *   delayMs is given for 'reconnecting'.
 * - `message` (frame): every delivery, i.e. every frame whose type is not a reply type.
 * - `error` (frame): error frames that answer no pending request (e.g. `rate_limited`), and the
 *   per-topic refusals of the automatic re-subscription after a reconnect.
 * - `authenticated` (frame): the `auth.success` frame.
 * - `authfailed` ({code, reason, frame}): the server closed with 4401; no reconnect follows.
 * - `close` ({code, reason}): the socket closed. Failures the client detects itself are reported
 *   with the matching protocol code: 4408 (no auth reply), 4000 (no heartbeat reply), 1006 (the token
 *   provider failed).
 * - `subscriptions` (topics): the remembered (granted) topics changed.
 *
 * @example
 * const client = new PubSubClient('wss://example.com/ws', { token: () => fetchToken() });
 * client.on('message', (frame) => console.log(frame.type, frame.topic, frame.data));
 * await client.connect();
 * await client.subscribe(['user.42.notifications', 'system.>']);
 */
export class PubSubClient {
  /**
   * @param {string} url WebSocket URL, e.g. `wss://host/ws`.
   * @param {object} [options]
   * @param {string|(() => string|Promise<string>)} [options.token] Token, or a function asked on every (re)connect.
   * @param {'auth-frame'|'query'} [options.tokenTransport='auth-frame'] Send the token in an `auth` frame or as `?token=`.
   * @param {boolean} [options.reconnect=true] Reconnect after unexpected closes.
   * @param {number} [options.minDelayMs=500] Base of the exponential backoff.
   * @param {number} [options.maxDelayMs=30000] Cap of the exponential backoff.
   * @param {number} [options.requestTimeoutMs=10000] A request without a final reply by then is rejected.
   * @param {number} [options.heartbeatMs=25000] Interval of `{"type":"ping"}` while connected; 0 disables it.
   * @param {typeof WebSocket} [options.WebSocketImpl=globalThis.WebSocket] WebSocket constructor to use.
   */
  constructor(url, options = {}) {
    this.url = url;
    const given = Object.entries(options).filter(([, v]) => v !== undefined);
    this.options = { ...DEFAULTS, WebSocketImpl: globalThis.WebSocket, ...Object.fromEntries(given) };
    if (!['auth-frame', 'query'].includes(this.options.tokenTransport)) throw new TypeError('bad tokenTransport');
    /** userId and sessionId of the current connection's `auth.success` frame, or null. */
    this.userId = this.sessionId = null;
    this._listeners = new Map();
    this._pending = new Map(); // id -> {type, resolve, reject, timer, errors}
    this._topics = new Set();
    this._waiters = []; // connect() promises
    this._nextId = this._attempt = 0;
    this._gen = 0; // bumped by every attempt and by close(), so stale async work stops
    this._ws = this._timer = this._heartbeat = this._authFrame = this._authError = null;
    this._closedByApp = true;
    this._state = 'closed';
  }

  /** The current state: 'connecting', 'authenticating', 'connected', 'reconnecting' or 'closed'. */
  get state() { return this._state; }

  /** The extensions the server accepted on the current socket (e.g. 'permessage-deflate; …'), or ''. */
  get extensions() { return this._ws?.extensions ?? ''; }

  /** The topics granted to the app, re-subscribed after every reconnect. */
  get topics() { return [...this._topics]; }

  /** Registers a listener for one of the events listed on the class. @returns {this} */
  on(event, fn) {
    if (!this._listeners.has(event)) this._listeners.set(event, new Set());
    this._listeners.get(event).add(fn);
    return this;
  }

  /** Removes a listener registered with {@link PubSubClient#on}. @returns {this} */
  off(event, fn) {
    this._listeners.get(event)?.delete(fn);
    return this;
  }

  /**
   * Opens the connection (and keeps it open, reconnecting as configured). Calling it while a
   * reconnect is scheduled connects at once.
   * @returns {Promise<object|null>} Resolves with the `auth.success` frame (null when no auth frame was
   *   sent) once connected; rejects on authentication failure, on close(), or when a connection
   *   fails and `reconnect` is false.
   */
  connect() {
    if (!this.options.WebSocketImpl) return Promise.reject(new TypeError('no WebSocket implementation available'));
    const promise = new Promise((resolve, reject) => this._waiters.push({ resolve, reject }));
    if (this._state === 'connected') {
      this._settle(null, this._authFrame);
    } else if (this._state === 'closed' || this._state === 'reconnecting') {
      if (this._state === 'closed') this._attempt = 0;
      clearTimeout(this._timer);
      this._timer = null;
      this._closedByApp = false;
      this._open();
    }
    return promise;
  }

  /** Closes for good (no reconnect); pending requests are rejected. Topics are kept for a later connect(). */
  close(reason = 'closed by the application') {
    this._closedByApp = true;
    this._gen++;
    clearTimeout(this._timer);
    this._timer = null;
    if (this._ws) this._drop(1000, reason);
    this._setState('closed');
    this._settle(localError('closed', reason));
  }

  /**
   * Subscribes to topics or patterns (`*` = one segment, a final `>` = one or more segments).
   * Granted topics are remembered and re-subscribed after every reconnect.
   * @param {string|string[]} topics
   * @returns {Promise<{granted: string[], errors: object[]}>} errors holds the per-topic error frames
   *   (forbidden, invalid_topic, …); the promise rejects when the request as a whole fails.
   */
  async subscribe(topics) {
    const { reply, errors } = await this._request({ type: 'subscribe', topics: toList(topics) }, { collect: true });
    const granted = Array.isArray(reply.topics) ? reply.topics : [];
    granted.forEach((t) => this._topics.add(t));
    if (granted.length) this._emit('subscriptions', this.topics);
    return { granted, errors };
  }

  /**
   * Unsubscribes from topics (exact strings). While not connected, it only forgets them.
   * @param {string|string[]} topics
   * @returns {Promise<{topics: string[], errors: object[]}>} The topics the server confirmed and the per-topic error frames.
   */
  async unsubscribe(topics) {
    const list = toList(topics);
    let result = { topics: list, errors: [] };
    if (this._state === 'connected') {
      const { reply, errors } = await this._request({ type: 'unsubscribe', topics: list }, { collect: true });
      result = { topics: Array.isArray(reply.topics) ? reply.topics : [], errors };
    }
    result.topics.forEach((t) => this._topics.delete(t));
    this._emit('subscriptions', this.topics);
    return result;
  }

  /**
   * Publishes to a concrete topic (the server must allow client publishing on it).
   * @param {string} topic
   * @param {*} [data=null] Any JSON value.
   * @param {string} [event] Delivered as the frame's `type` (default 'message' on the server).
   * @returns {Promise<object>} Resolves with the `published` frame; rejects with the error frame.
   */
  publish(topic, data = null, event) {
    const frame = { type: 'publish', topic, data };
    if (event != null) frame.event = event;
    return this._request(frame);
  }

  /** Sends an application-level ping. @returns {Promise<object>} Resolves with the `pong` frame. */
  ping() {
    return this._request({ type: 'ping' });
  }

  // ---- internals ----

  _emit(event, ...args) {
    for (const fn of [...(this._listeners.get(event) ?? [])]) {
      try { fn(...args); } catch (e) { setTimeout(() => { throw e; }); } // one bad listener must not break the client
    }
  }

  _setState(state, delayMs) {
    if (state === this._state && delayMs === undefined) return;
    this._state = state;
    this._emit('state', state, delayMs);
  }

  _settle(err, value) {
    for (const w of this._waiters.splice(0)) (err ? w.reject(err) : w.resolve(value));
  }

  async _open() {
    const gen = ++this._gen;
    this.userId = this.sessionId = this._authFrame = this._authError = null;
    this._setState('connecting');
    let token;
    try {
      const t = this.options.token;
      token = typeof t === 'function' ? await t() : t;
      token = token == null ? '' : String(token);
    } catch (e) {
      if (gen === this._gen) this._onClose(1006, `token provider failed: ${e?.message ?? e}`);
      return;
    }
    if (gen !== this._gen) return; // close() or another connect() happened meanwhile
    let url = this.url;
    if (token && this.options.tokenTransport === 'query') {
      url += (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token);
    }
    let ws;
    try { ws = new this.options.WebSocketImpl(url); } catch (e) { // a malformed URL: retrying cannot help
      this._setState('closed');
      return this._settle(e);
    }
    this._ws = ws;
    ws.onopen = () => ws === this._ws && this._onOpen(ws, token);
    ws.onmessage = (ev) => ws === this._ws && this._onFrame(ev.data);
    ws.onclose = (ev) => ws === this._ws && this._onClose(ev.code, ev.reason);
    ws.onerror = () => {}; // a close event always follows
  }

  _onOpen(ws, token) {
    // With 'query', a standalone server checked the token before the upgrade; its auth.success follows.
    if (!token || this.options.tokenTransport === 'query') return this._onConnected(null);
    this._setState('authenticating');
    this._request({ type: 'auth', token }, { internal: true }).then(
      (frame) => ws === this._ws && this._onConnected(frame),
      (err) => {
        if (ws !== this._ws) return;
        if (err.code === 'timeout') return this._drop(4408, 'no reply to the auth frame');
        if (err.frame && err.code !== 'unauthorized') this._drop(AUTH_FAILED, err.message);
        // 'unauthorized' is followed by the server's own close 4401.
      });
  }

  _onConnected(authFrame) {
    if (authFrame) this._onAuthenticated(authFrame);
    this._attempt = 0;
    this._setState('connected');
    if (this.options.heartbeatMs > 0) {
      const ws = this._ws;
      this._heartbeat = setInterval(() => this.ping().catch((err) => {
        if (err.code === 'timeout' && ws === this._ws) this._drop(4000, 'no reply to the heartbeat');
      }), this.options.heartbeatMs);
    }
    if (this._topics.size) this._resubscribe();
    this._settle(null, authFrame);
  }

  _onAuthenticated(frame) {
    this._authFrame = frame;
    this.userId = frame.userId ?? null;
    this.sessionId = frame.sessionId ?? null;
    this._emit('authenticated', frame);
  }

  _resubscribe() {
    const topics = this.topics;
    this._request({ type: 'subscribe', topics }, { collect: true }).then(({ reply, errors }) => {
      const granted = new Set(Array.isArray(reply.topics) ? reply.topics : []);
      topics.filter((t) => !granted.has(t)).forEach((t) => this._topics.delete(t));
      errors.forEach((f) => this._emit('error', f));
      this._emit('subscriptions', this.topics);
    }, (err) => err.frame && this._emit('error', err.frame)); // kept; retried after the next reconnect
  }

  /** Sends a request with a fresh string id; resolves with the final reply ({reply, errors} when collect). */
  _request(frame, { collect = false, internal = false } = {}) {
    const ws = this._ws;
    if (!ws || (this._state !== 'connected' && !internal)) {
      return Promise.reject(localError('not_connected', `cannot send ${frame.type}: not connected`));
    }
    const id = String(++this._nextId);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this._pending.delete(id);
        reject(localError('timeout', `no reply to ${frame.type} request ${id}`));
      }, this.options.requestTimeoutMs);
      this._pending.set(id, { type: frame.type, resolve, reject, timer, errors: collect ? [] : null });
      try { ws.send(JSON.stringify({ type: frame.type, id, ...frame })); } catch (e) {
        clearTimeout(timer);
        this._pending.delete(id);
        reject(localError('closed', `could not send: ${e?.message ?? e}`));
      }
    });
  }

  _onFrame(text) {
    let f;
    try { f = JSON.parse(text); } catch { return; }
    if (!f || typeof f !== 'object' || typeof f.type !== 'string') return;
    if (!CONTROL_TYPES.has(f.type)) return this._emit('message', f);
    const id = f.id == null ? null : String(f.id);
    const p = id === null ? undefined : this._pending.get(id);
    if (p) {
      // subscribe/unsubscribe: per-topic errors carry a topic and precede the final reply.
      if (f.type === 'error' && p.errors && f.topic != null) return void p.errors.push(f);
      this._pending.delete(id);
      clearTimeout(p.timer);
      if (f.type === 'error' && p.type === 'auth') this._authError = f; // kept for 'authfailed'
      if (f.type === 'error') p.reject(frameError(f));
      else p.resolve(p.errors ? { reply: f, errors: p.errors } : f);
    } else if (f.type === 'auth.success') this._onAuthenticated(f); // token given in the handshake
    else if (f.type === 'error') this._emit('error', f);
  }

  /** Abandons the current socket and handles it as closed with the given code. */
  _drop(code, reason) {
    const ws = this._ws;
    this._ws = null;
    try { ws.close(1000); } catch { /* already closing */ }
    this._onClose(code, reason);
  }

  _onClose(code, reason) {
    this._ws = null;
    clearInterval(this._heartbeat);
    this._heartbeat = null;
    for (const p of this._pending.values()) {
      clearTimeout(p.timer);
      p.reject(localError('closed', `connection closed (${code})`));
    }
    this._pending.clear();
    this._emit('close', { code, reason });
    if (this._closedByApp) return;
    if (code === AUTH_FAILED) {
      this._setState('closed');
      this._emit('authfailed', { code, reason, frame: this._authError });
      return this._settle(localError('auth_failed', reason || 'authentication failed'));
    }
    if (!this.options.reconnect) {
      this._setState('closed');
      return this._settle(localError('closed', `connection closed (${code})`));
    }
    // Full jitter: random(0, min(max, min * 2^attempt)).
    const cap = Math.min(this.options.maxDelayMs, this.options.minDelayMs * 2 ** this._attempt);
    const delay = Math.floor(Math.random() * cap);
    this._attempt++;
    this._setState('reconnecting', delay);
    this._timer = setTimeout(() => { this._timer = null; this._open(); }, delay);
  }
}

export default PubSubClient;
