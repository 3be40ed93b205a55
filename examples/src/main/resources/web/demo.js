// Browser demo: a small chat app on top of pubsub-client.js. All text goes in via textContent.
import { PubSubClient } from './pubsub-client.js';

const $ = (id) => document.getElementById(id);
const WS_URL = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
const TYPING_THROTTLE_MS = 2000;
const TYPING_CLEAR_MS = 3000;

let client = null;
let me = null; // authenticated user id
let connectedToken = '';
let lastTypingSent = 0;
const typers = new Map(); // userId -> timer that clears the indicator

const csv = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);
const room = () => $('room').value.trim() || '1';
const roomTopics = (r) => [`room.${r}.messages`, `room.${r}.typing`];
const clock = (at) => (at ? new Date(at) : new Date()).toLocaleTimeString();
const note = (text) => { $('conn-note').textContent = text; };

/** Appends an li with the given text to a list, keeping at most max items and scrolled to the end. */
function append(ul, text, { cls, data = {}, max = 500 } = {}) {
  const li = document.createElement('li');
  li.textContent = text;
  if (cls) li.className = cls;
  Object.entries(data).forEach(([k, v]) => { li.dataset[k] = v; });
  ul.append(li);
  while (ul.childElementCount > max) ul.firstElementChild.remove();
  ul.scrollTop = ul.scrollHeight;
  return li;
}

/** Shows a server error frame (or an Error carrying one) in #errors; other failures in the note. */
function showError(e) {
  if (e?.type !== 'error') return note(`${e?.code ?? 'error'}: ${e?.message ?? e}`);
  const where = e.topic ? ` [${e.topic}]` : '';
  append($('errors'), `${e.code}${where}: ${e.message ?? ''}`,
    { cls: 'error', data: { code: e.code ?? '', topic: e.topic ?? '' } });
}

function summary(data) {
  if (data && typeof data === 'object') return data.text ?? data.message ?? data.title ?? JSON.stringify(data);
  return JSON.stringify(data ?? null);
}

// ---- connection ----

function onState(state, delayMs) {
  $('state').textContent = state;
  $('status').dataset.state = state;
  $('state-detail').textContent = state === 'reconnecting' ? `retry in ${(delayMs / 1000).toFixed(1)} s` : '';
  if (state === 'connected') note('');
  $('compression').textContent = state === 'connected' && client?.extensions.includes('permessage-deflate')
    ? 'permessage-deflate' : '';
  if (state === 'closed') {
    $('user').textContent = '';
    renderSubscriptions([]);
  }
}

function renderSubscriptions(topics) {
  $('subscriptions').replaceChildren(...topics.map((t) => {
    const li = document.createElement('li');
    li.textContent = t;
    li.title = 'Click to put it in the topic field';
    return li;
  }));
}

async function connect() {
  const token = $('token').value.trim();
  if (!token) return note('Mint or paste a token first.');
  if (client) client.close();
  const c = new PubSubClient(WS_URL, { token });
  client = c;
  connectedToken = token;
  me = null;
  const mine = (fn) => (...args) => { if (client === c) fn(...args); };
  c.on('state', mine(onState));
  c.on('authenticated', mine((f) => { me = f.userId ?? null; $('user').textContent = me ?? ''; }));
  c.on('message', mine(onDelivery));
  c.on('error', mine(showError));
  c.on('subscriptions', mine(renderSubscriptions));
  c.on('close', mine(({ code, reason }) => { if (code !== 1000) note(`Connection closed: ${code} ${reason ?? ''}`); }));
  c.on('authfailed', mine(({ code, frame, reason }) => {
    if (frame) showError(frame);
    note(`Token refused (${code}${reason ? `: ${reason}` : ''}): mint or paste a new token.`);
  }));
  try {
    await c.connect();
  } catch {
    return; // reported by the state / authfailed handlers
  }
  const topics = ['system.>', ...roomTopics(room())];
  if (me) topics.unshift(`user.${me}.notifications`);
  await subscribe(topics);
}

function disconnect() {
  if (client) client.close();
  typers.forEach(clearTimeout);
  typers.clear();
  renderTyping();
}

async function subscribe(topics) {
  if (!client || client.state !== 'connected') return note('Connect first.');
  try {
    const { errors } = await client.subscribe(topics);
    errors.forEach(showError);
  } catch (e) {
    showError(e);
  }
}

async function unsubscribe(topics) {
  if (!client) return note('Connect first.');
  try {
    const { errors } = await client.unsubscribe(topics);
    errors.forEach(showError);
  } catch (e) {
    showError(e);
  }
}

const topicsFromInput = () => $('topic').value.split(/\s+/).filter(Boolean);

// ---- deliveries ----

function onDelivery(f) {
  const topic = typeof f.topic === 'string' ? f.topic : '';
  const from = f.from?.userId ? ` from ${f.from.userId}` : '';
  append($('messages'), `${f.type} ${topic}${from} ${JSON.stringify(f.data ?? null)}`,
    { cls: 'message', data: { type: f.type, topic } });
  if (topic.startsWith('user.')) append($('notifications'), `${clock()} ${f.type}: ${summary(f.data)}`, { max: 100 });
  if (topic.startsWith('system.')) append($('system'), `${clock()} ${f.type}: ${summary(f.data)}`, { max: 100 });
  if (f.type === 'chat_message') addChat(f.data ?? {});
  if (f.type === 'typing') onTyping(f);
}

function addChat(d) {
  const li = document.createElement('li');
  const parts = [['time', clock(d.at)], ['from', d.from ?? '?'], ['room', `#${d.room ?? ''}`], ['text', d.text ?? '']];
  for (const [cls, text] of parts) {
    const span = document.createElement('span');
    span.className = cls;
    span.textContent = String(text);
    li.append(span, ' ');
  }
  if (d.from && d.from === me) li.className = 'mine';
  $('chat').append(li);
  while ($('chat').childElementCount > 200) $('chat').firstElementChild.remove();
  $('chat').scrollTop = $('chat').scrollHeight;
  if (typers.has(d.from)) stopTyping(d.from);
}

function onTyping(f) {
  const who = f.from?.userId;
  if (!who || who === me) return; // our own indicator
  if (f.data?.typing === false) return stopTyping(who);
  clearTimeout(typers.get(who));
  typers.set(who, setTimeout(() => stopTyping(who), TYPING_CLEAR_MS));
  renderTyping();
}

function stopTyping(who) {
  clearTimeout(typers.get(who));
  typers.delete(who);
  renderTyping();
}

function renderTyping() {
  const names = [...typers.keys()];
  $('typing').textContent = names.length === 0 ? ''
    : names.length === 1 ? `${names[0]} is typing…` : `${names.join(', ')} are typing…`;
}

// ---- HTTP ----

async function mint() {
  const body = { sub: $('mint-user').value.trim() || 'alice', roles: csv($('mint-roles').value), rooms: csv($('mint-rooms').value) };
  const status = $('mint-status');
  status.textContent = 'Minting…';
  try {
    const res = await fetch('/dev/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status === 404) {
      status.textContent = 'Token minting is disabled on this server (it runs with a real JWT secret): paste a token instead.';
      return;
    }
    const answer = await res.json().catch(() => ({}));
    if (!res.ok || typeof answer.token !== 'string') throw new Error(answer.error ?? `HTTP ${res.status}`);
    $('token').value = answer.token;
    status.textContent = `Token minted for ${body.sub} (roles: ${body.roles.join(', ') || 'none'}; rooms: ${body.rooms.join(', ') || 'none'}).`;
  } catch (e) {
    status.textContent = `Could not mint a token: ${e.message}`;
  }
}

async function sendChat() {
  const input = $('chat-input');
  const text = input.value.trim();
  if (!text) return;
  const token = connectedToken || $('token').value.trim();
  try {
    const res = await fetch('/chat', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ room: room(), text }),
    });
    if (res.status !== 202) {
      const answer = await res.json().catch(() => ({}));
      throw new Error(`${res.status} ${answer.error ?? ''}`);
    }
    input.value = '';
    $('chat-status').textContent = '';
  } catch (e) {
    $('chat-status').textContent = `Message not sent: ${e.message}`;
  }
}

function onChatInput() {
  if (!client || client.state !== 'connected' || !$('chat-input').value) return;
  const now = Date.now();
  if (now - lastTypingSent < TYPING_THROTTLE_MS) return;
  lastTypingSent = now;
  client.publish(`room.${room()}.typing`, { typing: true }, 'typing').catch(showError);
}

// ---- wiring ----

$('mint').addEventListener('click', mint);
$('connect').addEventListener('click', connect);
$('disconnect').addEventListener('click', disconnect);
$('subscribe').addEventListener('click', () => { const t = topicsFromInput(); if (t.length) subscribe(t); });
$('unsubscribe').addEventListener('click', () => { const t = topicsFromInput(); if (t.length) unsubscribe(t); });
$('topic').addEventListener('keydown', (e) => { if (e.key === 'Enter') $('subscribe').click(); });
$('subscriptions').addEventListener('click', (e) => { if (e.target.tagName === 'LI') $('topic').value = e.target.textContent; });
$('send-chat').addEventListener('click', sendChat);
$('chat-input').addEventListener('input', onChatInput);
$('chat-input').addEventListener('keydown', (e) => { if (e.key === 'Enter') sendChat(); });
$('room').addEventListener('change', () => { if (client?.state === 'connected') subscribe(roomTopics(room())); });
