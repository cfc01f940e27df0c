// An author changes or deletes their own comment, with the token it was posted with.

Object.assign(Widget.prototype, {
  edit(data, node) {
    const kept = owned(data.id);
    if (!kept || node.querySelector("form")) return;
    const body = node.querySelector(".maoni-body");
    const id = uid("edit");
    const text = el("textarea", { id, name: "body", rows: "6", cols: "60", required: true });
    text.value = kept.body || body.textContent;
    const done = () => {
      editor.remove();
      body.hidden = false;
    };
    const editor = el(
      "form",
      {
        class: "maoni-edit",
        onsubmit: async (event) => {
          event.preventDefault();
          const changed = await this.change("PATCH", data, { body: text.value });
          if (!changed) return;
          own(data.id, { token: kept.token, body: text.value });
          body.innerHTML = changed.comment.html; // the server's sanitised rendering
          done();
          this.say(changed.message);
          node.focus();
        },
      },
      field(id, T.comment, text),
      el("button", { type: "submit", class: "maoni-button maoni-primary", text: T.save }),
      el("button", { type: "button", class: "maoni-button", text: T.cancel, onclick: done }),
    );
    body.hidden = true;
    body.after(editor);
    text.focus();
  },

  async remove(data, node) {
    if (!window.confirm(T.confirmDelete)) return;
    const removed = await this.change("DELETE", data);
    if (!removed) return;
    own(data.id, null);
    node.remove();
    this.none.hidden = this.list.children.length > 0;
    this.say(removed.message, false, true);
  },

  // The API's answer to a change, or false once its message is shown.
  async change(method, data, body) {
    const kept = owned(data.id);
    let answer;
    try {
      answer = await call(method, `comments/${data.id}`, body, kept && kept.token);
    } catch (_) {
      return this.say(T.failed, true, true);
    }
    if (answer.ok) return answer.data;
    if (answer.data.code === "not_yours") own(data.id, null);
    return this.say(answer.data.message, true, true);
  },
});

for (const root of document.querySelectorAll("#maoni-comments")) new Widget(root).start();
