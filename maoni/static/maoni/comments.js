// The comment form of a page shared by every reader carries nothing of any
// one reader's: this fills in the reader's token, time stamp and question,
// fetched once the form comes into view or is used. Without this script the
// form still works: its first Save shows a preview with a question.
(function () {
  "use strict";
  var form = document.getElementById("comment-form");
  if (!form || !form.dataset.state) return;
  var asked = false;

  function hidden(name, value) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.prepend(input);
    }
    input.value = value;
  }

  function show(messages) {
    if (!messages.length) return;
    var box = document.createElement("div");
    box.className = "messages";
    box.setAttribute("role", "status");
    messages.forEach(function (message) {
      var line = document.createElement("p");
      line.className = "message message-" + message.level;
      line.textContent = message.text;
      box.append(line);
    });
    document.getElementById("main").prepend(box);
  }

  function fill(state) {
    hidden("csrfmiddlewaretoken", state.csrf_token);
    hidden("form_stamp", state.form_stamp);
    hidden("idempotency_key", state.idempotency_key);
    var slot = form.querySelector("[data-captcha-slot]");
    // A reader on a slow line may be in the answer field already: the focus
    // must not fall to the top of the page when the fieldset is replaced.
    var active = slot && slot.contains(document.activeElement) ? document.activeElement : null;
    // The page shows the question's fieldset without a question; this reader's goes in.
    if (slot && state.captcha) slot.outerHTML = state.captcha.html;
    else if (slot) slot.remove();
    if (active) {
      var again = (active.id && document.getElementById(active.id)) ||
        form.querySelector("button[type=submit]");
      if (again) again.focus();
    }
    show(state.messages);
  }

  function ask() {
    if (asked) return;
    asked = true;
    fetch(form.dataset.state, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(fill)
      .catch(function () { asked = false; });
  }

  form.addEventListener("focusin", ask);
  if ("IntersectionObserver" in window) {
    new IntersectionObserver(function (entries, observer) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        ask();
      }
    }, { rootMargin: "300px" }).observe(form);
  }
})();
