// The network map: contacts as dots coloured by circle, drawn by the vendored Cytoscape.js.
(function () {
  "use strict";
  var box = document.getElementById("network-map");
  if (!box || typeof cytoscape === "undefined") { return; }
  var palette = ["#2f6f62", "#b5642a", "#6a6fa8", "#8a5a8c", "#3f7fa6", "#9a8a2a", "#a3352c", "#4f8f3a", "#c27c9b", "#5b6b73"];
  var nameLine = document.getElementById("network-map-name");
  var legend = document.getElementById("network-map-legend");

  function colour(circle) { return circle < 0 ? "#c9c4b8" : palette[circle % palette.length]; }

  fetch(box.getAttribute("data-source"), { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var elements = [];
      data.nodes.forEach(function (n) {
        elements.push({ data: { id: String(n[0]), name: n[1], circle: n[2], flagged: n[3], colour: colour(n[2]) } });
      });
      data.edges.forEach(function (e) {
        elements.push({ data: { id: e[0] + "-" + e[1], source: String(e[0]), target: String(e[1]), weight: e[2] } });
      });
      var cy = cytoscape({
        container: box,
        elements: elements,
        minZoom: 0.2,
        maxZoom: 4,
        style: [
          { selector: "node", style: { "background-color": "data(colour)", width: 14, height: 14, "border-width": 0 } },
          { selector: "node[?flagged]", style: { "border-width": 3, "border-color": "#a3352c" } },
          { selector: "node.hover", style: { label: "data(name)", "font-size": 11, "text-valign": "top", "text-margin-y": -4, width: 20, height: 20 } },
          { selector: "edge", style: { width: "mapData(weight, 0, 5, 0.5, 3)", "line-color": "#d8d3c8", "curve-style": "haystack", opacity: 0.7 } }
        ],
        layout: { name: "cose", randomize: false, animate: false, nodeRepulsion: 6000, idealEdgeLength: 50, numIter: 1500 }
      });
      cy.on("mouseover tapstart", "node", function (event) {
        event.target.addClass("hover");
        nameLine.textContent = event.target.data("name");
      });
      cy.on("mouseout", "node", function (event) { event.target.removeClass("hover"); });
      cy.on("tap", "node", function (event) {
        var url = box.getAttribute("data-contact-url").replace("/0/", "/" + event.target.id() + "/");
        window.location.assign(url);
      });
      (data.clusters || []).forEach(function (c) {
        var item = document.createElement("li");
        var dot = document.createElement("span");
        dot.className = "dot dot-circle-" + (c.index % palette.length) + (c.homogeneous ? " dot-flagged" : "");
        item.appendChild(dot);
        item.appendChild(document.createTextNode(c.label + " (" + c.size + ")"));
        legend.appendChild(item);
      });
    });
})();
