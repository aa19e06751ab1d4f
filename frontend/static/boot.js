// Runs before the first paint: applies the remembered (or system) theme and the
// remembered (or browser) language to <html>, so the page never flashes the wrong
// colours. The app takes over once loaded (src/theme.rs, src/i18n.rs use the same keys).
(function () {
  var root = document.documentElement;
  var theme = null;
  var lang = null;
  try {
    theme = localStorage.getItem("brigade.theme");
    lang = localStorage.getItem("brigade.lang");
  } catch (e) {}
  if (theme !== "light" && theme !== "dark") {
    theme = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  root.setAttribute("data-theme", theme);
  var supported = ["fr", "en", "it"];
  var wanted = lang ? [lang] : (navigator.languages || [navigator.language || "en"]);
  for (var i = 0; i < wanted.length; i++) {
    var primary = String(wanted[i]).toLowerCase().split(/[-_]/)[0];
    if (supported.indexOf(primary) >= 0) {
      root.setAttribute("lang", primary);
      return;
    }
  }
  root.setAttribute("lang", "en");
})();
