// Map layer switch: show the chosen colouring in every map of the grid, hide the others.
(function () {
  "use strict";
  function show(select) {
    var grid = document.getElementById(select.getAttribute("data-target"));
    if (!grid) { return; }
    var wanted = select.value;
    var layers = grid.querySelectorAll("[data-layer]");
    for (var i = 0; i < layers.length; i++) {
      layers[i].style.display = layers[i].getAttribute("data-layer") === wanted ? "" : "none";
    }
  }
  var selects = document.querySelectorAll("select.map-layer");
  for (var i = 0; i < selects.length; i++) {
    selects[i].addEventListener("change", function (event) { show(event.target); });
    show(selects[i]);
  }
})();
