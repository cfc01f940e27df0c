// The moderation queue, faster: keyboard shortcuts and actions without reloads.
// Without this script the queue works the same through its forms.
(function () {
  "use strict";
  var form = document.getElementById("queue-form");
  if (!form) { return; }
  var transitions = JSON.parse(form.dataset.transitions || "{}");
  var statusLine = document.getElementById("queue-status");
  // The page's words, in the moderator's language.
  var words = form.dataset;
  var labels = {
    published: words.labelPublished, pending: words.labelPending,
    spam: words.labelSpam, deleted: words.labelDeleted
  };

  function entries() { return Array.prototype.slice.call(form.querySelectorAll(".entry")); }
  function current() { return document.activeElement && document.activeElement.closest ? document.activeElement.closest(".entry") : null; }

  function focusEntry(entry) {
    if (!entry) { return; }
    entry.focus();
    entry.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var list = entries();
    if (!list.length) { return; }
    var index = list.indexOf(current());
    var next = index < 0 ? 0 : Math.min(list.length - 1, Math.max(0, index + step));
    focusEntry(list[next]);
  }

  function say(message) { if (statusLine) { statusLine.textContent = message; } }

  // Rebuilds an entry's buttons for its new status.
  function redraw(entry, status) {
    entry.className = entry.className.replace(/status-\w+/, "status-" + status);
    var badge = entry.querySelector("[data-status]");
    if (badge) { badge.textContent = labels[status] || status; badge.className = "badge badge-" + status; }
    var actions = entry.querySelector(".entry-actions");
    Array.prototype.forEach.call(actions.querySelectorAll("button[data-action]"), function (button) { button.remove(); });
    var anchor = actions.querySelector(".entry-open");
    Object.keys(transitions).forEach(function (action) {
      var rule = transitions[action];
      if (rule.from.indexOf(status) < 0) { return; }
      var button = document.createElement("button");
      button.type = "submit";
      button.name = "only";
      button.value = action + ":" + entry.dataset.id;
      button.className = "button";
      button.dataset.action = action;
      button.setAttribute("aria-keyshortcuts", rule.key);
      button.textContent = rule.label;
      actions.insertBefore(button, anchor);
      actions.insertBefore(document.createTextNode(" "), anchor);
    });
  }

  function act(entry, value) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("only", value);
    data.append("note", form.querySelector("[name=note]").value);
    // form.action would be the select named "action", not the form's address.
    return fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.error || words.failed); }
        return body;
      });
    }).then(function (body) {
      var status = body.changed[entry.dataset.id];
      if (status) { redraw(entry, status); }
      say(body.message);
      var list = entries();
      focusEntry(list[list.indexOf(entry) + 1] || entry);
    }).catch(function (error) { say(error.message); });
  }

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || button.name !== "only") { return; }  // bulk actions reload the page
    event.preventDefault();
    act(button.closest(".entry"), button.value);
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select")) { return; }
    var entry = current();
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "x":
        if (entry) { var box = entry.querySelector("input[type=checkbox]"); box.checked = !box.checked; }
        break;
      case "o":
        if (entry) { window.location = entry.querySelector(".entry-open").href; }
        break;
      default:
        if (!entry) { return; }
        var action = Object.keys(transitions).filter(function (name) { return transitions[name].key === event.key; })[0];
        var button = action && entry.querySelector("button[data-action=" + action + "]");
        if (!button) { return; }
        act(entry, button.value);
    }
    event.preventDefault();
  });
})();
