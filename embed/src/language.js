// Which language the widget speaks, and its texts' %(name)s filled in.

// The language tag asked for: the element's data-maoni-lang, else <html lang>.
function languageTag(element) {
  return (element && element.getAttribute("data-maoni-lang")) || document.documentElement.lang || "";
}

// The code in `table` (TEXTS or COUNTS) for that tag ("sw-KE" reads "sw"); English
// for a language Maoni does not speak.
function language(element, table) {
  const has = (code) => Object.prototype.hasOwnProperty.call(table, code);
  const tag = languageTag(element).toLowerCase();
  if (has(tag)) return tag;
  const base = tag.split("-")[0];
  return has(base) ? base : "en";
}

// A text's parts with each %(name)s replaced by values[name] (a string or an
// element), to append in order.
function fill(text, values) {
  return text
    .split(/(%\(\w+\)s)/)
    .filter((part) => part !== "")
    .map((part) => {
      const name = /^%\((\w+)\)s$/.exec(part);
      return name ? values[name[1]] : part;
    });
}
