/* ChatFlow web chat widget: one <script src=".../widget.js"></script> tag, no dependencies.
   Bot -> visitor: server-sent events with increasing ids (resumes from the last seen id). Ids never go
   backwards, also when the server's in-memory log of this visitor starts anew (a restart, or the visitor
   was forgotten): a new log's ids start above any id handed out before, so resuming never skips entries.
   Visitor -> bot: POST. The visitor token (signed by the server) is kept in localStorage. */
(function () {
  'use strict';
  var script = document.currentScript;
  var src = script && script.src ? script.src : '/webchat/widget.js';
  var base = src.replace(/\/widget\.js(\?.*)?$/, '');
  var storageKey = 'chatflow.webchat.token:' + base;
  var state = { token: null, lastId: 0, source: null, maxLength: 1000, pending: 0, stopped: false, retryTimer: null };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = base + '/widget.css';
  document.head.appendChild(css);

  var root = el('div', 'cfw-root');
  root.setAttribute('data-chatflow-webchat', '');
  var header = el('div', 'cfw-header', 'Chat with us');
  var body = el('div', 'cfw-body');
  var log = el('div', 'cfw-log');
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  var typing = el('div', 'cfw-typing', 'Bot is typing\u2026');
  typing.hidden = true;
  var keyboard = el('div', 'cfw-keyboard');
  var error = el('div', 'cfw-error');
  error.setAttribute('role', 'alert');
  error.hidden = true;
  var form = el('form', 'cfw-form');
  var input = el('input', 'cfw-input');
  input.type = 'text';
  input.placeholder = 'Type a message\u2026';
  input.setAttribute('aria-label', 'Message');
  input.autocomplete = 'off';
  var send = el('button', 'cfw-send', 'Send');
  send.type = 'submit';
  form.appendChild(input);
  form.appendChild(send);
  body.appendChild(log);
  body.appendChild(keyboard);
  body.appendChild(error);
  body.appendChild(form);
  root.appendChild(header);
  root.appendChild(body);
  header.addEventListener('click', function () { root.classList.toggle('cfw-collapsed'); });

  function showError(text, action) {
    error.textContent = text;
    if (action) {
      var b = el('button', 'cfw-btn', action.label);
      b.type = 'button';
      b.addEventListener('click', action.run);
      error.appendChild(b);
    }
    error.hidden = false;
  }

  function clearError() { error.hidden = true; error.textContent = ''; }

  function setTyping(on) {
    typing.hidden = !on;
    if (on) { log.appendChild(typing); log.scrollTop = log.scrollHeight; }
  }

  function clientId() {
    var bytes = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function button(b, inline) {
    if (b.kind === 'url') {
      var a = el('a', 'cfw-btn', b.label);
      a.href = b.url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      return a;
    }
    var btn = el('button', 'cfw-btn', b.label);
    btn.type = 'button';
    btn.addEventListener('click', function () {
      // A press is held to the channel's button limits on the server, not to the typed-text limit.
      if (b.kind === 'callback') post({ payload: b.payload, label: b.label });
      else post({ label: b.label });
    });
    if (inline) btn.setAttribute('data-inline', '');
    return btn;
  }

  function rows(buttons, container, inline) {
    buttons.forEach(function (row) {
      var r = el('div', 'cfw-row');
      row.forEach(function (b) { r.appendChild(button(b, inline)); });
      container.appendChild(r);
    });
  }

  function render(m) {
    if (m.id <= state.lastId) return; // already shown (a resumed stream never repeats, but be safe)
    state.lastId = m.id;
    var bubble = el('div', 'cfw-msg ' + (m.from === 'visitor' ? 'cfw-visitor' : 'cfw-bot'));
    bubble.setAttribute('data-id', String(m.id));
    if (m.media && m.media.url) {
      if (m.media.kind === 'photo' || m.media.kind === 'sticker') {
        var img = el('img');
        img.src = m.media.url;
        img.alt = m.media.fileName || 'image';
        bubble.appendChild(img);
      } else {
        var link = el('a', null, m.media.fileName || m.media.url);
        link.href = m.media.url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        bubble.appendChild(link);
      }
    }
    if (m.text) bubble.appendChild(document.createTextNode(m.text));
    if (m.from === 'visitor' && state.oneTimeKeyboard) {
      // A one-time keyboard goes away once the visitor answered (also when the history is replayed).
      keyboard.textContent = '';
      state.oneTimeKeyboard = false;
    }
    if (m.from === 'bot') {
      if (m.buttons && m.inline) {
        var inline = el('div', 'cfw-inline');
        rows(m.buttons, inline, true);
        bubble.appendChild(inline);
      } else if (m.buttons) {
        keyboard.textContent = '';
        rows(m.buttons, keyboard, false);
        state.oneTimeKeyboard = !!m.oneTime;
      } else if (m.removeKeyboard) {
        keyboard.textContent = '';
        state.oneTimeKeyboard = false;
      }
      if (m.placeholder) input.placeholder = m.placeholder;
    }
    log.appendChild(bubble);
    if (!typing.hidden) log.appendChild(typing);
    log.scrollTop = log.scrollHeight;
  }

  function post(message) {
    clearError();
    var text = message.text != null ? message.text : message.label;
    if (!text || !String(text).trim()) return Promise.resolve(false);
    if (message.text != null && String(text).length > state.maxLength) {
      showError('Your message is too long: at most ' + state.maxLength + ' characters.');
      return Promise.resolve(false);
    }
    message.clientId = clientId();
    state.pending++;
    setTyping(true);
    var attempt = function (retries) {
      return fetch(base + '/api/messages', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + state.token },
        body: JSON.stringify(message)
      }).then(function (r) {
        if (r.ok) return true;
        return r.json().catch(function () { return {}; }).then(function (e) {
          if (r.status === 401 || r.status === 403) refused();
          else showError(e.message || ('The message was not sent (' + r.status + ').'));
          return false;
        });
      }, function () {
        // Network error: the same clientId again, so the server never takes it twice.
        if (retries > 0) return new Promise(function (res) { setTimeout(res, 1000); }).then(function () { return attempt(retries - 1); });
        showError('No connection: the message was not sent.');
        return false;
      });
    };
    return attempt(2).then(function (ok) {
      state.pending--;
      if (state.pending === 0) setTyping(false);
      return ok;
    });
  }

  function refused() {
    stop();
    showError('This chat session was refused by the server.', {
      label: 'Start a new chat',
      run: function () {
        localStorage.removeItem(storageKey);
        log.textContent = '';
        keyboard.textContent = '';
        state.lastId = 0;
        clearError();
        start();
      }
    });
  }

  function stop() {
    state.stopped = true;
    if (state.source) { state.source.close(); state.source = null; }
    if (state.retryTimer) { clearTimeout(state.retryTimer); state.retryTimer = null; }
  }

  function connect() {
    if (state.stopped) return;
    var source = new EventSource(base + '/api/events?access_token=' + encodeURIComponent(state.token) + '&after=' + state.lastId);
    state.source = source;
    source.onmessage = function (e) {
      try { render(JSON.parse(e.data)); } catch (x) { /* ignore a malformed event */ }
    };
    source.addEventListener('ready', function (e) {
      var ready = JSON.parse(e.data);
      state.maxLength = ready.maxLength;
      header.textContent = ready.title;
      root.setAttribute('data-ready', '');
      if (ready.lastId === 0 && state.lastId === 0 && !state.started) {
        state.started = true;
        post({ text: '/start' });
      }
    });
    source.onerror = function () {
      if (source.readyState !== EventSource.CLOSED) return; // the browser reconnects with Last-Event-ID
      source.close();
      // Closed for good: either the token was refused or the server is away; ask which.
      checkSession().then(function (ok) {
        if (ok && !state.stopped) state.retryTimer = setTimeout(connect, 2000);
      });
    };
  }

  function checkSession() {
    return fetch(base + '/api/session', { headers: { 'Authorization': 'Bearer ' + state.token } }).then(function (r) {
      if (r.status === 401 || r.status === 403) { refused(); return false; }
      return true;
    }, function () { return true; });
  }

  function start() {
    state.stopped = false;
    state.started = false;
    state.token = localStorage.getItem(storageKey);
    var ready = state.token
      ? Promise.resolve()
      : fetch(base + '/api/visitors', { method: 'POST' }).then(function (r) {
          if (!r.ok) {
            // 429 too_many_visitors: the server says in words how long to wait.
            return r.json().catch(function () { return {}; }).then(function (e) {
              var failure = new Error('status ' + r.status);
              failure.userMessage = r.status === 429 ? e.message : null;
              throw failure;
            });
          }
          return r.json();
        }).then(function (v) {
          state.token = v.token;
          localStorage.setItem(storageKey, v.token);
        });
    ready.then(checkSession).then(function (ok) { if (ok) connect(); }, function (x) {
      showError((x && x.userMessage) || 'The chat is not available right now.', { label: 'Retry', run: function () { clearError(); start(); } });
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value;
    if (!text.trim()) return;
    post({ text: text }).then(function (ok) { if (ok) input.value = ''; });
  });

  function mount() {
    document.body.appendChild(root);
    start();
  }

  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
