// A tiny terminal emulator for tests: enough of a VT100 to follow what Ink's log-update writes
// (cursor up/down/column/home, erase line/screen, LF scrolling at the bottom, deferred wrap at the
// right margin) so a test can check where each row of the frame really lands on the screen, not
// just what text was written. Colours and other SGR codes are ignored.
import { EventEmitter } from 'node:events';

export class VirtualTerminal {
  grid: string[][] = [];
  row = 0;
  col = 0;
  /** xterm's deferred wrap: a character written in the last column leaves the cursor there. */
  private wrapPending = false;
  constructor(public columns: number, public rows: number) {
    this.grid = Array.from({ length: rows }, () => this.blank());
  }
  private blank(): string[] {
    return Array.from({ length: this.columns }, () => ' ');
  }
  resize(columns: number, rows: number): void {
    // What xterm and tmux do in the alternate screen: rows are cut or padded, never reflowed.
    this.grid = Array.from({ length: rows }, (_, r) => {
      const old = this.grid[r] ?? [];
      return Array.from({ length: columns }, (_, c) => old[c] ?? ' ');
    });
    this.columns = columns;
    this.rows = rows;
    this.row = Math.min(this.row, rows - 1);
    this.col = Math.min(this.col, columns - 1);
    this.wrapPending = false;
  }
  private lineFeed(): void {
    if (this.row === this.rows - 1) {
      this.grid.shift();
      this.grid.push(this.blank());
    } else this.row += 1;
  }
  private put(ch: string): void {
    if (this.wrapPending) {
      this.col = 0;
      this.lineFeed();
      this.wrapPending = false;
    }
    this.grid[this.row]![this.col] = ch;
    if (this.col === this.columns - 1) this.wrapPending = true;
    else this.col += 1;
  }
  write(data: string): void {
    let i = 0;
    while (i < data.length) {
      const c = data[i]!;
      if (c === '\x1b') {
        const csi = /^\x1b\[([?0-9;]*)([ -/]*)([@-~])/.exec(data.slice(i));
        if (csi) {
          this.csi(csi[1] ?? '', csi[3]!);
          i += csi[0].length;
          continue;
        }
        const osc = /^\x1b\][^\x07]*\x07/.exec(data.slice(i));
        i += osc ? osc[0].length : 2;
        continue;
      }
      if (c === '\n') {
        // The tty's ONLCR turns a newline into CR LF.
        this.wrapPending = false;
        this.col = 0;
        this.lineFeed();
      } else if (c === '\r') {
        this.col = 0;
        this.wrapPending = false;
      } else if (c >= ' ') {
        const cp = data.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        this.put(ch);
        i += ch.length;
        continue;
      }
      i += 1;
    }
  }
  private csi(params: string, final: string): void {
    if (params.startsWith('?')) return; // modes (cursor, alternate screen, sync output)
    const n = params.split(';').map((p) => (p === '' ? NaN : Number(p)));
    const a = Number.isNaN(n[0]!) ? 1 : n[0]!;
    this.wrapPending = false;
    switch (final) {
      case 'A': this.row = Math.max(0, this.row - a); break;
      case 'B': this.row = Math.min(this.rows - 1, this.row + a); break;
      case 'C': this.col = Math.min(this.columns - 1, this.col + a); break;
      case 'D': this.col = Math.max(0, this.col - a); break;
      case 'G': this.col = Math.min(this.columns - 1, a - 1); break;
      case 'H': case 'f': {
        const r = Number.isNaN(n[0]!) ? 1 : n[0]!;
        const col = Number.isNaN(n[1] ?? NaN) ? 1 : n[1]!;
        this.row = Math.min(this.rows - 1, r - 1);
        this.col = Math.min(this.columns - 1, col - 1);
        break;
      }
      case 'J': {
        const mode = Number.isNaN(n[0]!) ? 0 : n[0]!;
        if (mode === 2 || mode === 3) this.grid = Array.from({ length: this.rows }, () => this.blank());
        else if (mode === 0) {
          for (let c = this.col; c < this.columns; c += 1) this.grid[this.row]![c] = ' ';
          for (let r = this.row + 1; r < this.rows; r += 1) this.grid[r] = this.blank();
        }
        break;
      }
      case 'K': {
        const mode = Number.isNaN(n[0]!) ? 0 : n[0]!;
        const line = this.grid[this.row]!;
        if (mode === 2) this.grid[this.row] = this.blank();
        else if (mode === 0) for (let c = this.col; c < this.columns; c += 1) line[c] = ' ';
        else for (let c = 0; c <= this.col; c += 1) line[c] = ' ';
        break;
      }
      default:
        break;
    }
  }
  /** The screen as text, trailing spaces cut. */
  screen(): string[] {
    return this.grid.map((r) => r.join('').replace(/\s+$/, ''));
  }
}

/** A TTY stdout for Ink (no debug mode: log-update's real cursor moves) feeding a VirtualTerminal. */
export class TerminalStdout extends EventEmitter {
  isTTY = true;
  vt: VirtualTerminal;
  written: string[] = [];
  constructor(public columns = 80, public rows = 24) {
    super();
    this.vt = new VirtualTerminal(columns, rows);
  }
  write = (data: string): boolean => {
    this.written.push(data);
    this.vt.write(data);
    return true;
  };
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.vt.resize(columns, rows);
    this.emit('resize');
  }
}
