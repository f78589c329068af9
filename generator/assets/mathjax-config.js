// MathJax for litreview pages: only the spans the generator marked (class "arithmatex")
// are typeset, so a "$" in prose is never read as math. MathJax itself is loaded by
// litreview.js, and only on pages that have math.
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
  },
  startup: {
    // MathJax typesets the page it loads on by itself; mark that article so that
    // litreview.js does not typeset it a second time.
    pageReady: function () {
      var article = document.querySelector("article");
      if (article) article.dataset.lrTypeset = "1";
      return MathJax.startup.defaultPageReady();
    }
  }
};
