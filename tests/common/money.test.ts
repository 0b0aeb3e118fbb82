import { describe, expect, it } from "vitest";
import { formatMoney, parseEuros } from "@/common/money";

describe("parseEuros", () => {
  it.each([
    ["2,10", 210],
    ["2.10", 210],
    ["2,1", 210],
    ["2", 200],
    ["0,29", 29],
    ["0,07", 7],
    [" 1 234,50 € ", 123_450],
    ["1\u202f234,5", 123_450],
    ["4,50€", 450],
    ["0", 0],
  ])("reads %j as %i cents", (text, cents) => {
    expect(parseEuros(text)).toBe(cents);
  });

  it.each(["", "abc", "2,105", "2,", ",5", "1.234,50", "-2,10", "2,10 $", "12345678"])("refuses %j", (text) => {
    expect(parseEuros(text)).toBeNull();
  });

  it("reads a negative amount only when asked", () => {
    expect(parseEuros("-2,10", { allowNegative: true })).toBe(-210);
  });

  it("round-trips with formatMoney", () => {
    for (const cents of [0, 5, 99, 210, 123_456]) expect(parseEuros(formatMoney(cents))).toBe(cents);
  });
});
