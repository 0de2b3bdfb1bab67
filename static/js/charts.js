/* Draw the Vega-Lite charts of a page. Each chart is a <div data-vega-spec="ID"> next to a
   <script type="application/json" id="ID"> holding the spec the server also renders to
   SVG and PNG. Without JavaScript (or without vega-embed) the div stays hidden and the
   data table beside it carries the numbers. Charts are drawn as they scroll into view. */
(function () {
  "use strict";

  function draw(target) {
    var source = document.getElementById(target.getAttribute("data-vega-spec"));
    if (!source || target.getAttribute("data-drawn")) { return; }
    target.setAttribute("data-drawn", "1");
    var spec;
    try { spec = JSON.parse(source.textContent); } catch (error) { return; }
    target.hidden = false;
    window.vegaEmbed(target, spec, { actions: false, renderer: "svg" }).catch(function () {
      target.hidden = true;
    });
  }

  function start() {
    if (typeof window.vegaEmbed !== "function") { return; }
    var targets = document.querySelectorAll("[data-vega-spec]");
    if (!("IntersectionObserver" in window)) {
      targets.forEach(draw);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, { rootMargin: "300px 0px" });
    targets.forEach(function (target) {
      // A hidden element never intersects, so watch its place holder instead.
      target.hidden = false;
      target.classList.add("upward-chart--pending");
      observer.observe(target);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
