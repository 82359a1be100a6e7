// The admin token, kept for this tab only: sessionStorage ends with the tab, and the token never
// reaches localStorage, a cookie or the URL.

const KEY = 'ssehub.token';

export class TokenStore {
  constructor(storage = sessionStorageOrNull()) {
    this.storage = storage;
    this.listeners = new Set();
    this.token = this.read();
  }

  /** Saves the token; listeners hear of it only when it differs from the one kept. */
  save(token) {
    const value = token.trim();
    if (value === this.token) return;
    this.token = value;
    this.write(value);
    for (const listener of [...this.listeners]) listener(value);
  }

  forget() {
    this.save('');
  }

  onChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  read() {
    try {
      return this.storage?.getItem(KEY) ?? '';
    } catch {
      return '';
    }
  }

  write(value) {
    try {
      if (value) this.storage?.setItem(KEY, value);
      else this.storage?.removeItem(KEY);
    } catch {
      // storage full or refused: the token still works for this page's life
    }
  }
}

function sessionStorageOrNull() {
  try {
    return window.sessionStorage;
  } catch {
    return null; // a sandboxed frame or blocked storage throws on mere access
  }
}
