// The needs board's progressive enhancement: drag a card onto another column to move the note.
// Without this script every move is a button or a pick from the list; with it the same form is posted.
(function () {
  "use strict";
  var form = document.getElementById("drag-move");
  if (!form) { return; }
  var dragged = null;

  document.querySelectorAll(".card[draggable=true]").forEach(function (card) {
    card.addEventListener("dragstart", function (event) {
      dragged = card;
      card.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.dataset.note);
    });
    card.addEventListener("dragend", function () {
      card.classList.remove("dragging");
      dragged = null;
    });
  });

  document.querySelectorAll(".column").forEach(function (column) {
    column.addEventListener("dragover", function (event) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      column.classList.add("drop-target");
    });
    column.addEventListener("dragleave", function (event) {
      if (!column.contains(event.relatedTarget)) { column.classList.remove("drop-target"); }
    });
    column.addEventListener("drop", function (event) {
      event.preventDefault();
      column.classList.remove("drop-target");
      var note = event.dataTransfer.getData("text/plain") || (dragged && dragged.dataset.note);
      var from = document.getElementById("note-" + note);
      if (!note || !from || from.closest(".column") === column) { return; }
      form.elements.note.value = note;
      form.elements.to.value = column.dataset.need;
      form.submit();
    });
  });

  // After a move the page opens at the note's card: give it the focus, so the keyboard carries on there.
  if (location.hash.indexOf("#note-") === 0) {
    var target = document.getElementById(location.hash.slice(1));
    if (target) { target.focus(); }
  }
})();
