// Maoni's comment widget for any page of a registered site.
//
// It reads the thread and posts through Maoni's JSON API (/api/v1/), at the
// origin the script itself was loaded from. Text written by readers is only
// ever set as text; the one thing set as HTML is a comment's `html`, which
// the server rendered from Plain text and sanitised.

const me = document.currentScript;
// The widget's language: its element's data-maoni-lang, else the page's <html lang>.
const HOME = document.getElementById("maoni-comments");
const LANG = language(HOME, TEXTS);
const T = TEXTS[LANG];
const ORIGIN = me && me.src ? new URL(me.src).origin : "";
const TOKENS = "maoni-edit:";

// Elements --------------------------------------------------------------

let made = 0;
const uid = (name) => `maoni-${name}-${++made}`;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

const requiredMark = () => el("span", { class: "maoni-required", title: T.required, text: " *" });

function field(id, label, input, ...after) {
  return el("div", { class: "maoni-item" }, el("label", { for: id, text: label }, input.required ? requiredMark() : null), input, ...after);
}

function describe(id, text) {
  return el("p", { class: "maoni-description", id, text });
}

const STYLE = `
.maoni{font-family:var(--maoni-font,inherit);color:var(--maoni-text,inherit);line-height:1.5}
.maoni h2{font-size:1.25em;margin:1.5em 0 .5em}
.maoni-comment{border-top:1px solid var(--maoni-border,#d6d6d6);padding:.75em 0;outline-offset:2px}
.maoni-comment[data-depth]:not([data-depth="0"]){border-left:2px solid var(--maoni-border,#d6d6d6);padding-left:.75em}
.maoni-meta,.maoni-links,.maoni-parent{margin:0;font-size:.9em;color:var(--maoni-muted,#555)}
.maoni-author{font-weight:bold;color:var(--maoni-text,inherit)}
.maoni a{color:var(--maoni-accent,#0b5cad)}
.maoni-links button,.maoni-link{background:none;border:0;padding:0;margin-right:1em;font:inherit;color:var(--maoni-accent,#0b5cad);text-decoration:underline;cursor:pointer}
.maoni-item{margin:0 0 1em}
.maoni-item label,.maoni legend{display:block;font-weight:bold}
.maoni input[type=text],.maoni input[type=email],.maoni textarea{box-sizing:border-box;max-width:100%;font:inherit;padding:.3em;border:1px solid var(--maoni-border,#949494);border-radius:var(--maoni-radius,3px);background:var(--maoni-background,#fff);color:inherit}
.maoni textarea{width:100%}
.maoni fieldset{border:1px solid var(--maoni-border,#d6d6d6);border-radius:var(--maoni-radius,3px);margin:0 0 1em}
.maoni-description,.maoni-format{font-size:.9em;color:var(--maoni-muted,#555);margin:.25em 0}
.maoni-format ul{margin:.25em 0;padding-left:1.5em}
.maoni-prefix{margin-right:.5em}
.maoni-button{font:inherit;padding:.4em 1em;margin-right:.5em;border:1px solid var(--maoni-accent,#0b5cad);border-radius:var(--maoni-radius,3px);background:var(--maoni-background,#fff);color:var(--maoni-accent,#0b5cad);cursor:pointer}
.maoni-primary{background:var(--maoni-accent,#0b5cad);color:var(--maoni-on-accent,#fff)}
.maoni-status:not(:empty){padding:.5em .75em;margin:1em 0;border-left:4px solid var(--maoni-accent,#0b5cad);background:var(--maoni-notice,#f1f5fa)}
.maoni-status.maoni-error{border-color:var(--maoni-error,#b00020)}
.maoni [aria-invalid=true]{border-color:var(--maoni-error,#b00020)}
.maoni-website{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
`;

function addStyle() {
  if (document.getElementById("maoni-style")) return;
  document.head.append(el("style", { id: "maoni-style", text: STYLE }));
}

// The API -----------------------------------------------------------------

class Unreachable extends Error {}

async function call(method, path, body, token) {
  // Messages in the widget's language, whatever the browser's own.
  const headers = { "Accept-Language": LANG };
  if (body) headers["Content-Type"] = "application/json";
  if (token) headers["X-Maoni-Edit-Token"] = token;
  let response;
  try {
    response = await fetch(ORIGIN + "/api/v1/" + path, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
      credentials: "omit",
      mode: "cors",
    });
  } catch (error) {
    // A refused cross-origin answer and a network failure look alike here.
    throw new Unreachable(String(error));
  }
  let data = {};
  try {
    data = await response.json();
  } catch (_) {
    data = { code: "bad_answer", message: T.failed };
  }
  return { status: response.status, ok: response.ok, data };
}

const query = (values) => new URLSearchParams(values).toString();

function refuse(site) {
  const origin = location.origin;
  console.error(
    `Maoni: pages at ${origin} may not show the comments of the site "${site}". ` +
      `The site's editors must add ${origin} to the site's allowed origins in Maoni's admin (Sites).`,
  );
}

// Edit tokens, kept for this tab only ----------------------------------

function owned(id) {
  try {
    return JSON.parse(sessionStorage.getItem(TOKENS + id) || "null");
  } catch (_) {
    return null;
  }
}

function own(id, value) {
  try {
    if (value) sessionStorage.setItem(TOKENS + id, JSON.stringify(value));
    else sessionStorage.removeItem(TOKENS + id);
  } catch (_) {
    // Storage may be refused (private modes): the comment just cannot be changed.
  }
}

// The widget ----------------------------------------------------------------

function when(iso) {
  const date = new Date(iso);
  return date.toLocaleString(languageTag(HOME) || undefined, {
    dateStyle: "medium",
    timeStyle: "short",
  });
}

function canonical() {
  const link = document.querySelector('link[rel="canonical"]');
  return link && link.href ? link.href : location.href.split("#")[0];
}

class Widget {
  constructor(root) {
    this.root = root;
    this.site = root.getAttribute("data-maoni-site") || "";
    // The page's own id, else the path of its canonical address (the same
    // thread whatever query or tracking parameters a visitor arrives with).
    this.thread = root.getAttribute("data-maoni-thread") || new URL(canonical()).pathname;
    this.next = null;
    this.form = null;
    this.parent = null;
  }

  async start() {
    let read;
    try {
      read = await call("GET", "thread?" + query({ site: this.site, thread: this.thread }));
    } catch (error) {
      if (error instanceof Unreachable) refuse(this.site);
      return;
    }
    if (!read.ok) {
      if (read.data.code === "origin_not_allowed") refuse(this.site);
      else console.error(`Maoni: ${read.data.message}`);
      return;
    }
    addStyle();
    this.build(read.data);
    await this.showAsked();
    if (read.data.open) await this.newForm();
    else this.formSection.append(el("p", { class: "maoni-closed", text: T.closed }));
  }

  build(thread) {
    const heading = uid("heading");
    this.list = el("div", { class: "maoni-list" });
    this.none = el("p", { class: "maoni-none", text: T.none });
    this.more = el("button", { type: "button", class: "maoni-button", text: T.more, hidden: true, onclick: () => this.loadMore() });
    this.status = el("div", { class: "maoni-status", role: "status", "aria-live": "polite", tabindex: "-1" });
    this.formSection = el("section", { class: "maoni-form-section" });
    // Said in its own language where that is not the page's.
    const page = document.documentElement.lang.toLowerCase().split("-")[0];
    const section = el(
      "section",
      { class: "maoni", "aria-labelledby": heading, lang: LANG === (page || "en") ? null : LANG },
      el("h2", { id: heading, text: T.heading }),
      this.list,
      this.none,
      this.more,
      this.status,
      this.formSection,
    );
    this.root.replaceChildren(section);
    this.add(thread);
  }

  add(thread) {
    for (const comment of thread.comments) this.list.append(this.comment(comment));
    this.next = thread.next;
    this.more.hidden = !thread.next;
    this.none.hidden = this.list.children.length > 0;
  }

  async loadMore() {
    if (!this.next) return false;
    const read = await call("GET", "thread?" + query({ site: this.site, thread: this.thread, cursor: this.next }));
    if (!read.ok) return this.say(read.data.message, true);
    this.add(read.data);
    return true;
  }

  // A permalink in the page's address: the pages up to it, then the comment.
  async showAsked() {
    const match = /^#comment-(\d+)$/.exec(location.hash);
    if (!match) return;
    let found = document.getElementById(`comment-${match[1]}`);
    for (let pages = 0; !found && this.next && pages < 20; pages++) {
      await this.loadMore();
      found = document.getElementById(`comment-${match[1]}`);
    }
    if (found) {
      found.scrollIntoView();
      found.focus();
    }
  }

  comment(data, preview) {
    const meta = el(
      "p",
      { class: "maoni-meta" },
      el("span", { class: "maoni-author", text: data.author }),
      data.verified ? null : ` (${T.notVerified}) `,
      data.picked ? el("span", { class: "maoni-pick", text: ` ${T.pick} ` }) : null,
      " ",
      data.id
        ? el("a", { class: "maoni-permalink", href: `#comment-${data.id}` }, el("time", { datetime: data.created, text: when(data.created) }))
        : el("time", { datetime: data.created, text: when(data.created) }),
      data.edited ? ` (${T.edited} ${when(data.edited)})` : null,
    );
    const body = el("div", { class: "maoni-body" });
    body.innerHTML = data.html; // the server's sanitised rendering of Plain text
    const node = el("article", {
      id: data.id && !preview ? `comment-${data.id}` : null,
      class: "maoni-comment",
      "data-depth": String(data.depth),
      tabindex: "-1",
      style: `margin-left:calc(${Math.min(data.depth, 6)} * var(--maoni-indent, 1.5rem))`,
    });
    node.append(meta);
    const parent = data.parent && document.getElementById(`comment-${data.parent}`);
    if (parent && !preview) {
      const name = parent.querySelector(".maoni-author");
      const link = el("a", { href: `#comment-${data.parent}`, text: name ? name.textContent : "" });
      node.append(el("p", { class: "maoni-parent" }, ...fill(T.inReplyTo, { name: link })));
    }
    node.append(body);
    if (data.id && !preview) node.append(this.links(data, node));
    return node;
  }

  links(data, node) {
    const links = el("p", { class: "maoni-links" });
    links.append(el("button", { type: "button", text: T.reply, onclick: () => this.replyTo(data, node) }));
    if (owned(data.id)) {
      links.append(el("button", { type: "button", text: T.edit, onclick: () => this.edit(data, node) }));
      links.append(el("button", { type: "button", text: T.del, onclick: () => this.remove(data, node) }));
    }
    // Reporting happens on Maoni's own page (it works without this script too).
    links.append(" ", el("a", { class: "maoni-report", href: `${ORIGIN}/comment/${data.id}/report/`, target: "_blank", rel: "noopener nofollow", text: T.report }));
    return links;
  }

  say(message, failed, focus) {
    this.status.classList.toggle("maoni-error", !!failed);
    this.status.textContent = message || "";
    if (focus) this.status.focus();
    return false;
  }
}
