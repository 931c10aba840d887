// The Review page's keyboard shortcuts: a accepts, s saves the ticked labels, r rejects.
document.addEventListener('keydown', function (event) {
  const active = document.activeElement;
  const typing = ['TEXTAREA', 'INPUT', 'SELECT'].includes(active.tagName)
    && active.type !== 'checkbox' && active.type !== 'radio';
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const button = {a: 'accept', s: 'relabel', r: 'reject'}[event.key];
  if (button && document.getElementById(button)) {
    event.preventDefault();
    document.getElementById(button).click();
  }
});
