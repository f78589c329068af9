// MathJax for litreview pages: only the spans the generator marked (class "arithmatex")
// are typeset, so a "$" in prose is never read as math.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
    // Author macros common in abstracts.
    macros: {
      R: "\\mathbb{R}", N: "\\mathbb{N}", Z: "\\mathbb{Z}", Q: "\\mathbb{Q}", C: "\\mathbb{C}",
      E: "\\mathbb{E}", argmax: "\\operatorname*{arg\\,max}", argmin: "\\operatorname*{arg\\,min}"
    }
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
    enableMenu: false   // its CSS is lost on instant navigation
  }
};

// MathJax typesets the first page by itself (this also covers file://, where document$
// may not fire). Re-typeset only after instant navigation: clearing the cache after
// MathJax's own first typeset leaves every glyph invisible.
(function () {
  let firstPage = true;
  if (typeof document$ === "undefined") return;
  document$.subscribe(function () {
    if (firstPage) { firstPage = false; return; }
    if (!window.MathJax || !MathJax.startup || !MathJax.typesetPromise) return;
    MathJax.startup.output.clearCache();
    MathJax.typesetClear();
    MathJax.texReset();
    MathJax.typesetPromise();
  });
})();
