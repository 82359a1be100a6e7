// The connection status: a coloured dot and the state's word, with one line of detail beside it.

const STATES = ['connecting', 'open', 'closed'];

export class StatusView {
  constructor(container, word, detail) {
    this.container = container;
    this.word = word;
    this.detail = detail;
  }

  showState(state) {
    this.container.classList.remove(...STATES);
    this.container.classList.add(state);
    this.word.textContent = state;
  }

  showDetail(text) {
    this.detail.textContent = text;
  }

  /** For a state's default line, which must not hide why the stream was lost or refused. */
  showDetailUnlessSet(text) {
    if (!this.detail.textContent) this.detail.textContent = text;
  }
}
