// The query editor: YASGUI (served from this server) with one tab per library query.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  if (!root || !window.Yasgui) { return; }
  var endpoint = new URL(root.getAttribute("data-endpoint"), window.location.href).href;
  var library = JSON.parse(document.getElementById("library").textContent);
  // Nothing leaves this server: no prefix.cc or LOV look-ups, no remote endpoint catalogue.
  if (window.Yasqe) { window.Yasqe.defaults.autocompleters = ["variables"]; }
  var yasgui = new window.Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    populateFromUrl: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    yasqe: { autocompleters: ["variables"] }
  });
  var wanted = window.location.hash.replace(/^#/, "");
  var first = null;
  library.forEach(function (q, i) {
    var tab = yasgui.addTab(q.name === wanted || (!wanted && i === 0),
      { name: q.title, yasqe: { value: q.text }, requestConfig: { endpoint: endpoint } });
    if (i === 0) { first = tab; }
  });
  // drop the empty default tab YASGUI opens
  Object.keys(yasgui._tabs || {}).forEach(function (id) {
    var tab = yasgui.getTab(id);
    if (tab && library.every(function (q) { return tab.getName() !== q.title; })) { tab.close(); }
  });
  window.rightsgraphEditor = yasgui;
})();
