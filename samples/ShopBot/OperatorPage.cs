namespace ShopBot;

/// <summary>The operator desk's page at <c>/operator</c>: every user text is shown with textContent, never as HTML.</summary>
internal static class OperatorPage
{
    /// <summary>The page's HTML.</summary>
    public const string Html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>ChatFlow operator desk</title>
          <style>
            body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
            .conversation { border: 1px solid #ccc; border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
            .meta { color: #666; font-size: .9rem; }
            .line { margin: .25rem 0; white-space: pre-wrap; }
            .line.operator { color: #0a5; }
            form { display: flex; gap: .5rem; margin-top: .5rem; }
            input[type=text] { flex: 1; padding: .4rem; }
          </style>
        </head>
        <body>
          <h1>Operator desk</h1>
          <p class="meta">Conversations the bots handed to a human. Answer here; "Return to bot" gives the conversation back to the bot.</p>
          <div id="list"><p class="meta">Nothing waiting.</p></div>
          <script>
            const list = document.getElementById('list');
            const drafts = {};
            function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
            async function post(url, body) {
              const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) });
              if (!r.ok) alert((await r.text()) || r.statusText);
              await refresh();
            }
            function render(conversations) {
              list.replaceChildren();
              if (conversations.length === 0) { list.append(el('p', 'meta', 'Nothing waiting.')); return; }
              for (const c of conversations) {
                const box = el('div', 'conversation');
                box.dataset.id = c.id;
                box.append(el('div', null, c.user + ' on ' + c.channel + ' (bot: ' + c.bot + ')'));
                box.append(el('div', 'meta', 'Handed off: ' + c.reason + ', ' + new Date(c.since).toLocaleTimeString()));
                for (const l of c.lines) box.append(el('div', 'line ' + l.from, (l.from === 'operator' ? 'You: ' : 'User: ') + l.text));
                const form = el('form');
                const input = el('input'); input.type = 'text'; input.placeholder = 'Your answer'; input.maxLength = 4000;
                input.value = drafts[c.id] || ''; input.oninput = () => drafts[c.id] = input.value;
                const send = el('button', null, 'Send'); send.type = 'submit';
                const back = el('button', null, 'Return to bot'); back.type = 'button';
                form.onsubmit = e => { e.preventDefault(); if (input.value.trim()) { delete drafts[c.id]; post('/operator/api/conversations/' + c.id + '/messages', { text: input.value }); } };
                back.onclick = () => post('/operator/api/conversations/' + c.id + '/return');
                form.append(input, send, back);
                box.append(form);
                list.append(box);
              }
            }
            async function refresh() {
              if (document.activeElement && document.activeElement.tagName === 'INPUT') return;
              const r = await fetch('/operator/api/conversations');
              if (r.ok) render(await r.json());
            }
            refresh();
            setInterval(refresh, 2000);
          </script>
        </body>
        </html>
        """;
}
