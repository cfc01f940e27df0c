// The "Add new comment" form, the author's changes, and what each send came to.

Object.assign(Widget.prototype, {
  // A fresh form: its time stamp, its key (a form sent twice posts once), its question.
  async newForm() {
    const asked = await call("GET", "form?" + query({ site: this.site, thread: this.thread }));
    if (!asked.ok) return this.say(asked.data.message, true);
    this.stamp = asked.data.form_stamp;
    this.key = asked.data.idempotency_key;
    if (!this.form) this.makeForm(asked.data.contact);
    this.ask(asked.data.question);
    return true;
  },

  // `contact`: whether the site asks anonymous readers for a name and address
  // ("optional", "required") or lets them leave none ("forbidden").
  makeForm(contact) {
    const asks = contact !== "forbidden";
    const must = contact === "required";
    const ids = { name: uid("name"), mail: uid("mail"), body: uid("body"), notify: uid("notify"), answer: uid("answer") };
    this.ids = ids;
    const heading = uid("form-heading");
    this.formHeading = el("h2", { id: heading, text: T.add });
    this.replying = el("p", { class: "maoni-replying", hidden: true });
    this.previewBox = el("div", { class: "maoni-preview" });
    this.question = el("div", { class: "maoni-question" });
    const body = el("textarea", { id: ids.body, name: "body", rows: "8", cols: "60", required: true, "aria-describedby": `${ids.body}-format` });
    const website = el("input", { type: "text", id: uid("website"), name: "website", tabindex: "-1", autocomplete: "off" });
    this.form = el(
      "form",
      { class: "maoni-form", "aria-labelledby": heading, novalidate: true, onsubmit: (event) => this.submit(event) },
      el("div", { class: "maoni-website", "aria-hidden": "true" }, el("label", { for: website.id, text: T.honeypot }), website),
      asks && field(ids.name, T.name, el("input", { type: "text", id: ids.name, name: "name", maxlength: "60", size: "30", autocomplete: "name", required: must })),
      asks &&
        field(
          ids.mail,
          T.mail,
          el("input", { type: "email", id: ids.mail, name: "mail", maxlength: "254", size: "30", autocomplete: "email", required: must, "aria-describedby": `${ids.mail}-description` }),
          describe(`${ids.mail}-description`, T.mailPrivate),
        ),
      field(
        ids.body,
        T.comment,
        body,
        el(
          "div",
          { class: "maoni-format", id: `${ids.body}-format` },
          el("p", {}, `${T.format} `, el("span", { text: T.plain })),
          el("ul", {}, ...T.tips.map((tip) => el("li", { text: tip }))),
        ),
      ),
      asks &&
      el(
        "div",
        { class: "maoni-item" },
        el("input", { type: "checkbox", id: ids.notify, name: "notify", "aria-describedby": `${ids.notify}-description` }),
        " ",
        el("label", { for: ids.notify, text: T.notify, style: "display:inline" }),
        describe(`${ids.notify}-description`, T.notifyHelp),
      ),
      this.question,
      el(
        "div",
        { class: "maoni-actions" },
        el("button", { type: "submit", name: "op", value: "save", class: "maoni-button maoni-primary", text: T.save }),
        el("button", { type: "submit", name: "op", value: "preview", class: "maoni-button", text: T.preview }),
      ),
    );
    this.formSection.append(this.formHeading, this.replying, this.previewBox, this.form);
  },

  // The question to answer, in the server's words and shape; none when not asked.
  ask(question) {
    this.asked = question || null;
    const id = this.ids.answer;
    if (!question) {
      this.question.replaceChildren();
      return;
    }
    this.question.replaceChildren(
      el(
        "fieldset",
        { class: "captcha" },
        el("legend", { text: T.captcha }),
        describe(null, T.captchaAbout),
        el(
          "div",
          { class: "maoni-item" },
          el("label", { for: id, text: T.math }, requiredMark()),
          el("span", { class: "field-prefix maoni-prefix", id: `${id}-prompt`, text: question.prompt }),
          // The sum is read out with the field, before the help.
          el("input", { type: "text", id, name: "captcha_answer", size: "4", maxlength: "2", autocomplete: "off", required: true, "aria-describedby": `${id}-prompt ${id}-help` }),
          describe(`${id}-help`, T.mathHelp),
        ),
      ),
    );
  },

  fields() {
    const form = this.form.elements;
    return {
      site: this.site,
      thread: this.thread,
      title: document.title.slice(0, 300),
      url: canonical().slice(0, 1000),
      parent: this.parent ? this.parent.id : null,
      name: form.name ? form.name.value : "",
      mail: form.mail ? form.mail.value : "",
      body: form.body.value,
      notify: form.notify ? form.notify.checked : false,
      idempotency_key: this.key,
      form_stamp: this.stamp,
      captcha_id: this.asked ? this.asked.id : "",
      captcha_answer: this.asked ? form.captcha_answer.value : "",
      website: form.website.value,
    };
  },

  async submit(event) {
    event.preventDefault();
    const previewing = event.submitter && event.submitter.value === "preview";
    const sent = this.fields();
    for (const input of this.form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    let answer;
    try {
      answer = await call("POST", previewing ? "previews" : "comments", sent);
    } catch (_) {
      return this.say(T.failed, true, true);
    }
    const data = answer.data;
    if (!answer.ok) return this.refused(data);
    if (data.outcome === "preview") return this.showPreview(data);
    this.previewBox.replaceChildren();
    if (data.edit_token) own(data.comment.id, { token: data.edit_token, body: sent.body });
    const place = data.status === "published" ? this.place(data.comment) : null;
    this.say(data.message);
    this.form.elements.body.value = "";
    this.cancelReply();
    await this.newForm();
    if (place) place.focus();
    else this.status.focus();
    return true;
  },

  refused(data) {
    this.say(data.message, true, true);
    for (const name of Object.keys(data.fields || {})) {
      const input = this.form.elements[name === "comment" ? "body" : name];
      if (input && input.setAttribute) input.setAttribute("aria-invalid", "true");
    }
    if (data.question) this.ask(data.question);
    else if (data.code === "wrong_answer" && !this.asked) this.newForm();
    if (data.code === "used_form") this.newForm();
    return false;
  },

  showPreview(data) {
    this.previewBox.replaceChildren(el("h3", { text: T.previewHeading }), this.comment(data.comment, true));
    if (data.question) this.ask(data.question);
    this.say(T.notSaved, false, true);
    return true;
  },

  // A new public comment goes where it reads: after what it answers and its replies.
  place(comment) {
    const existing = document.getElementById(`comment-${comment.id}`);
    if (existing) return existing;
    const node = this.comment(comment);
    let after = comment.parent && document.getElementById(`comment-${comment.parent}`);
    if (after) {
      const depth = Number(after.getAttribute("data-depth"));
      while (after.nextElementSibling && Number(after.nextElementSibling.getAttribute("data-depth")) > depth) {
        after = after.nextElementSibling;
      }
      after.after(node);
    } else {
      this.list.append(node);
    }
    this.none.hidden = true;
    return node;
  },

  replyTo(data, node) {
    if (!this.form) return;
    this.parent = data;
    this.formHeading.textContent = T.reply;
    this.replying.hidden = false;
    this.replying.replaceChildren(
      ...fill(T.replyingTo, { name: el("a", { href: `#comment-${data.id}`, text: data.author }) }),
      " ",
      el("button", { type: "button", class: "maoni-link", text: T.cancelReply, onclick: () => this.cancelReply(true) }),
    );
    node.after(this.formSection);
    this.form.elements.body.focus();
  },

  cancelReply(focus) {
    if (!this.parent) return;
    this.parent = null;
    this.formHeading.textContent = T.add;
    this.replying.hidden = true;
    this.status.after(this.formSection);
    if (focus) this.form.elements.body.focus();
  },
});
