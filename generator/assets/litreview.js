// litreview: the topic toolbar (filter, sort, compact view, sub-topics), copy-BibTeX
// buttons, the home page's map, and MathJax loaded only on pages that have math.
// Runs on every page Material shows, including after instant navigation.
(function () {
  "use strict";

  // MathJax sits beside this script; found now, while the script is the current one.
  var here = document.currentScript && document.currentScript.src;
  var MATHJAX = here ? here.replace(/litreview\.js(?:\?.*)?$/, "mathjax/tex-chtml.js") : "";

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function store(name, value) {
    try {
      if (value === undefined) return window.localStorage.getItem(name);
      window.localStorage.setItem(name, value);
    } catch (error) {
      return null; // storage refused (private mode, file://): the page works without it
    }
    return null;
  }

  // Follow a link the way a reader's click would, so instant navigation takes it.
  function follow(url) {
    var link = document.createElement("a");
    link.href = url;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // -- topic pages -------------------------------------------------------------------

  function setupTopic(article) {
    var bar = article.querySelector(".lr-toolbar");
    if (!bar || bar.dataset.ready) return;
    var groups = Array.from(article.querySelectorAll(".lr-group"));
    var cards = Array.from(article.querySelectorAll(".lr-group .lr-paper"));
    var own = cards.filter(function (card) { return !card.closest(".lr-below"); });
    if (own.length + cards.length < 2) return;
    bar.dataset.ready = "1";
    cards.forEach(function (card, index) {
      card.dataset.order = String(index);
      card.dataset.text = card.textContent.toLowerCase();
    });
    var below = cards.length - own.length;
    bar.innerHTML =
      '<input type="search" class="lr-filter" placeholder="Filter papers…" ' +
      'aria-label="Filter the papers of this topic"> ' +
      '<select class="lr-sort" aria-label="Sort papers">' +
      '<option value="page">Curated order</option>' +
      '<option value="title">Title (A–Z)</option>' +
      '<option value="year">Year (newest first)</option></select> ' +
      '<button type="button" class="lr-view" aria-pressed="false">One line each</button> ' +
      (below ? '<label class="lr-include" title="Also list the ' + below + ' papers of the ' +
        'sub-topics that this page does not list"><input type="checkbox" class="lr-sub"> ' +
        "Include sub-topics (" + below + ")</label> " : "") +
      '<span class="lr-shown" aria-live="polite"></span>';
    bar.hidden = false;
    var filter = bar.querySelector(".lr-filter");
    var sort = bar.querySelector(".lr-sort");
    var view = bar.querySelector(".lr-view");
    var sub = bar.querySelector(".lr-sub");
    var shown = bar.querySelector(".lr-shown");

    // A section's heading is inside it (sub-topic lists) or just before it (sections,
    // whose headings are Markdown for the table of contents).
    function headingOf(group) {
      var previous = group.previousElementSibling;
      return group.querySelector("h2") ||
        (previous && previous.tagName === "H2" ? previous : null);
    }

    groups.forEach(function (group) {
      var heading = headingOf(group);
      if (!heading) return;
      var count = document.createElement("span");
      count.className = "lr-count lr-section-count";
      heading.insertBefore(count, heading.querySelector(".headerlink"));
    });

    function apply() {
      var query = words(filter.value);
      var withSub = !!(sub && sub.checked);
      var visible = 0, total = 0;
      groups.forEach(function (group) {
        var isBelow = group.classList.contains("lr-below");
        var inGroup = Array.from(group.querySelectorAll(".lr-paper"));
        var matches = 0;
        inGroup.forEach(function (card) {
          var match = query.every(function (w) { return card.dataset.text.indexOf(w) !== -1; });
          card.hidden = !match;
          if (match) matches += 1;
        });
        var included = !isBelow || withSub;
        group.hidden = !included || matches === 0;
        var heading = headingOf(group);
        if (heading && !group.contains(heading)) heading.hidden = group.hidden;
        if (included) { visible += matches; total += inGroup.length; }
        var count = heading && heading.querySelector(".lr-section-count");
        if (count) {
          count.textContent = matches === inGroup.length
            ? String(inGroup.length) : matches + " of " + inGroup.length;
        }
      });
      shown.textContent = visible === total
        ? total + " papers" : visible + " of " + total + " papers";
    }

    function key(card) {
      if (sort.value === "title") return (card.dataset.title || "").toLowerCase();
      if (sort.value === "year") {
        var year = Number(card.dataset.year || 0);
        return year ? String(9999 - year).padStart(5, "0") : "99999";
      }
      return card.dataset.order.padStart(6, "0");
    }

    function applySort() {
      // Sort within each run of sibling cards (a section), keeping sections in place.
      var parents = new Set(cards.map(function (card) { return card.parentNode; }));
      parents.forEach(function (parent) {
        var group = cards.filter(function (card) { return card.parentNode === parent; });
        var marker = document.createComment("lr");
        parent.insertBefore(marker, group[0]);
        group.sort(function (a, b) {
          var ka = key(a), kb = key(b);
          return ka < kb ? -1 : ka > kb ? 1 : Number(a.dataset.order) - Number(b.dataset.order);
        });
        group.forEach(function (card) { parent.insertBefore(card, marker); });
        parent.removeChild(marker);
      });
    }

    function setView(compact) {
      article.classList.toggle("lr-compact", compact);
      view.setAttribute("aria-pressed", compact ? "true" : "false");
      store("litreview-view", compact ? "compact" : "cards");
    }

    filter.addEventListener("input", apply);
    sort.addEventListener("change", applySort);
    view.addEventListener("click", function () {
      setView(view.getAttribute("aria-pressed") !== "true");
    });
    if (sub) sub.addEventListener("change", apply);
    if (store("litreview-view") === "compact") setView(true);
    // The page's skip link lands in the filter box, past the introduction's links.
    var skip = article.querySelector("a.lr-skip");
    if (skip) {
      skip.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation(); // not a navigation for Material to take over
        bar.scrollIntoView();
        filter.focus({ preventScroll: true });
      });
    }
    apply();
  }

  // -- copy buttons ------------------------------------------------------------------

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // file:// and plain http: the old way still works offline.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    document.body.removeChild(area);
    return Promise.resolve();
  }

  function setupCopy(article) {
    var data = article.querySelector(".lr-citations[data-entries]");
    var entries = null;
    article.querySelectorAll("button.lr-copy").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.addEventListener("click", function () {
        if (entries === null) entries = data ? JSON.parse(data.dataset.entries) : {};
        copyText(entries[button.dataset.key] || "").then(function () {
          var label = button.textContent;
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = label; }, 1500);
        });
      });
    });
  }

  // -- the map -----------------------------------------------------------------------

  function setupMap(article) {
    var svg = article.querySelector(".lr-map-svg");
    if (!svg || svg.dataset.ready) return;
    svg.dataset.ready = "1";
    var figure = svg.closest(".lr-map");
    var items = Array.from(figure.querySelectorAll(".lr-legend-item"));
    var status = figure.querySelector(".lr-map-status");
    var pinned = -1, cursor = -1;

    function highlight(index) {
      svg.classList.toggle("lr-dim", index >= 0);
      figure.classList.toggle("lr-dim", index >= 0);
      figure.querySelectorAll(".lr-on").forEach(function (el) { el.classList.remove("lr-on"); });
      if (index < 0) return;
      figure.querySelectorAll('[data-branch="' + index + '"]').forEach(function (el) {
        el.classList.add("lr-on");
      });
    }

    items.forEach(function (item) {
      var index = Number(item.dataset.branch);
      item.addEventListener("mouseenter", function () { highlight(index); });
      item.addEventListener("focus", function () { highlight(index); });
      item.addEventListener("mouseleave", function () { highlight(pinned); });
      item.addEventListener("blur", function () { highlight(pinned); });
      item.addEventListener("click", function () {
        pinned = pinned === index ? -1 : index;
        items.forEach(function (other) {
          other.setAttribute("aria-pressed", Number(other.dataset.branch) === pinned ? "true" : "false");
        });
        highlight(pinned);
      });
    });

    svg.addEventListener("click", function (event) {
      var point = event.target.closest("[data-key]");
      if (point) follow(svg.dataset.base + point.dataset.key + svg.dataset.suffix);
    });

    // One tab stop for the whole map: arrow keys step through the topics, Enter opens one.
    svg.addEventListener("keydown", function (event) {
      if (!items.length) return;
      if (["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"].indexOf(event.key) !== -1) {
        var step = event.key === "ArrowRight" || event.key === "ArrowDown" ? 1 : -1;
        cursor = (cursor + step + items.length) % items.length;
        var item = items[cursor];
        highlight(Number(item.dataset.branch));
        status.textContent = item.textContent.trim().replace(/\s+(\d+)$/, ": $1 papers") +
          ". Enter opens the topic.";
        event.preventDefault();
      } else if (event.key === "Enter" && cursor >= 0) {
        follow(items[cursor].dataset.href);
      } else if (event.key === "Escape") {
        cursor = -1;
        status.textContent = "";
        highlight(pinned);
      }
    });
    svg.addEventListener("blur", function () { highlight(pinned); });
  }

  // -- math --------------------------------------------------------------------------

  // MathJax (1.2 MB with its fonts) is loaded by the first page that has math. It then
  // typesets that page by itself; later pages are typeset here. Clearing its caches
  // before the first typeset, or typesetting a page twice, leaves glyphs invisible, so
  // each article is typeset once, and marked.
  function typesetAgain(article) {
    if (article.dataset.lrTypeset || document.querySelector("article") !== article) return;
    article.dataset.lrTypeset = "1";
    MathJax.startup.output.clearCache();
    MathJax.typesetClear();
    MathJax.texReset();
    MathJax.typesetPromise();
  }

  function setupMath(article) {
    if (!article.querySelector(".arithmatex") || !MATHJAX) return;
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
      MathJax.startup.promise.then(function () { typesetAgain(article); });
      return;
    }
    if (document.getElementById("lr-mathjax")) return; // loading: it typesets what it finds
    var script = document.createElement("script");
    script.id = "lr-mathjax";
    script.src = MATHJAX;
    script.async = true;
    script.addEventListener("load", function () {
      MathJax.startup.promise.then(function () {
        var current = document.querySelector("article");
        if (current && current.querySelector(".arithmatex")) typesetAgain(current);
      });
    });
    document.head.appendChild(script);
  }

  // -- the theme's landmarks ---------------------------------------------------------

  // Material names its search dialog and nested nav sections by elements that hold only
  // an icon; screen readers then announce unnamed, identical landmarks. Name them.
  function nameLandmarks() {
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      var title = nav.querySelector(":scope > .md-nav__title");
      if (label && !label.textContent.trim() && title && title.textContent.trim()) {
        nav.removeAttribute("aria-labelledby");
        nav.setAttribute("aria-label", title.textContent.trim());
      }
    });
  }

  function init() {
    nameLandmarks();
    var article = document.querySelector("article");
    if (!article) return;
    setupTopic(article);
    setupCopy(article);
    setupMap(article);
    setupMath(article);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
