// Comment counts for a listing page: every <span data-maoni-count="thread-id">
// gets "N comments" in the page's language, in one request per site for up to 100 threads.

(() => {
  const me = document.currentScript;
  // The script's data-maoni-lang, else the page's <html lang>.
  const count = COUNTS[language(me, COUNTS)];
  const origin = me && me.src ? new URL(me.src).origin : "";
  const fallback = (me && me.getAttribute("data-maoni-site")) || "";
  const bySite = new Map();
  for (const span of document.querySelectorAll("[data-maoni-count]")) {
    const site = span.getAttribute("data-maoni-site") || fallback;
    if (!bySite.has(site)) bySite.set(site, []);
    bySite.get(site).push(span);
  }
  for (const [site, spans] of bySite) {
    const threads = [...new Set(spans.map((span) => span.getAttribute("data-maoni-count")))];
    for (let start = 0; start < threads.length; start += 100) {
      const params = new URLSearchParams({ site });
      for (const thread of threads.slice(start, start + 100)) params.append("thread", thread);
      fetch(`${origin}/api/v1/counts?${params}`, { credentials: "omit" })
        .then((response) => response.json())
        .then((data) => {
          if (!data.counts) throw new Error(data.message);
          for (const span of spans) {
            const number = data.counts[span.getAttribute("data-maoni-count")];
            if (number !== undefined) span.textContent = count(number);
          }
        })
        .catch((error) => console.error(`Maoni: no comment counts for ${location.origin}: ${error.message}`));
    }
  }
})();
