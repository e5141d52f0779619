// A table wider than the screen scrolls inside its container. Keyboard users can scroll it
// only if the container takes focus, so a container that overflows becomes a named,
// focusable region (named after the table's caption or the heading above it); one that fits
// stays out of the tab order.
(function () {
  "use strict";

  function nameOf(container) {
    var caption = container.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    var node = container.previousElementSibling;
    while (node) {
      if (/^H[1-6]$/.test(node.tagName)) {
        return node.textContent.trim();
      }
      node = node.previousElementSibling;
    }
    return document.title;
  }

  function mark() {
    var containers = document.querySelectorAll(".utrecht-table-container");
    containers.forEach(function (container) {
      if (container.scrollWidth > container.clientWidth) {
        container.setAttribute("tabindex", "0");
        container.setAttribute("role", "region");
        container.setAttribute("aria-label", nameOf(container));
      } else if (container.getAttribute("role") === "region") {
        container.removeAttribute("tabindex");
        container.removeAttribute("role");
        container.removeAttribute("aria-label");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
})();
