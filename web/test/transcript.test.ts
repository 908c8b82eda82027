import { describe, expect, it } from "vitest";
import { Transcript } from "../src/shared/transcript";
import { message, seqs } from "./fakes";

describe("Transcript", () => {
  it("shows messages that arrive in order at once", () => {
    const t = new Transcript();
    expect(seqs(t.add([message(1), message(2)]))).toEqual([1, 2]);
    expect(t.contiguous).toBe(2);
    expect(t.hasGap).toBe(false);
  });

  it("holds a message above contiguous + 1 until what precedes it arrives", () => {
    const t = new Transcript();
    t.add([message(1)]);
    expect(t.add([message(4), message(3)])).toEqual([]);
    expect(seqs(t.messages)).toEqual([1]);
    expect(t.hasGap).toBe(true);
    expect(t.highest).toBe(4);
    expect(seqs(t.add([message(2)]))).toEqual([2, 3, 4]);
    expect(t.contiguous).toBe(4);
    expect(t.hasGap).toBe(false);
    expect(t.highest).toBe(4);
  });

  it("drops a message it already holds or shows", () => {
    const t = new Transcript();
    t.add([message(1), message(3)]);
    expect(t.add([message(1, "again"), message(3, "again")])).toEqual([]);
    t.add([message(2)]);
    expect(t.messages.map((m) => m.text)).toEqual(["m1", "m2", "m3"]);
  });

  it("ignores seqs that cannot be in a transcript", () => {
    const t = new Transcript();
    expect(t.add([message(0), message(-1), message(1.5)])).toEqual([]);
    expect(t.contiguous).toBe(0);
    expect(t.hasGap).toBe(false);
  });

  it("whatever the order and repeats, only ever shows the prefix 1…n, each once, in order", () => {
    // A fixed pseudo-random sequence, so a failure is reproducible.
    let state = 42;
    const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(random() * 40);
      const arrivals = Array.from({ length: n }, (_, i) => i + 1);
      for (let i = 0; i < n; i++) if (random() < 0.3) arrivals.push(1 + Math.floor(random() * n));
      for (let i = arrivals.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [arrivals[i], arrivals[j]] = [arrivals[j], arrivals[i]];
      }
      const t = new Transcript();
      const shown: number[] = [];
      for (let i = 0; i < arrivals.length; ) {
        const batch = arrivals.slice(i, (i += 1 + Math.floor(random() * 3)));
        shown.push(...seqs(t.add(batch.map((s) => message(s)))));
        expect(seqs(t.messages)).toEqual(Array.from({ length: t.contiguous }, (_, k) => k + 1));
      }
      expect(shown).toEqual(Array.from({ length: n }, (_, k) => k + 1));
      expect(t.hasGap).toBe(false);
    }
  });
});

describe("a visitor's transcript, which never receives staff-only entries", () => {
  it("follows a message whose precededBy is the last one shown, across the skipped seqs", () => {
    const t = new Transcript(true);
    t.add([message(1), message(2)]);
    const shown = t.add([message(4, "m4", { precededBy: 2 })]);
    expect(seqs(shown)).toEqual([4]);
    expect(t.contiguous).toBe(4);
    expect(t.hasGap).toBe(false);
  });

  it("holds a message that does not follow until the one it follows arrives", () => {
    const t = new Transcript(true);
    t.add([message(1)]);
    t.add([message(5, "m5", { precededBy: 3 })]);
    expect(t.hasGap).toBe(true);
    t.add([message(3, "m3", { precededBy: 1 })]);
    expect(seqs(t.messages)).toEqual([1, 3, 5]);
    expect(t.hasGap).toBe(false);
  });

  it("staff keep to seq + 1: precededBy does not let them skip an entry on its way", () => {
    const t = new Transcript();
    t.add([message(1), message(3, "m3", { precededBy: 1 })]);
    expect(seqs(t.messages)).toEqual([1]);
    t.add([message(2, "whisper", { kind: "whisper" })]);
    expect(seqs(t.messages)).toEqual([1, 2, 3]);
  });
});
