import { describe, expect, it } from "vitest";
import { brandColorCss, resolveAppearance, widgetDefaults, type EmbedSettings } from "../src/widget/appearance";
import type { WidgetSettings } from "../src/shared/protocol";

const noTag: EmbedSettings = { team: null, brand: null, color: null, greeting: null };
const saved: WidgetSettings = {
  brandColor: "#0f766e", position: "left", headerName: "Lumina", greetingTitle: "Welcome!", greetingText: "Ask us anything.",
  startLabel: "Talk to us", offlineText: "Back soon.", closedText: "Closed for today.",
};

describe("resolveAppearance", () => {
  it("is the widget as it ships when nothing is set", () => {
    const look = resolveAppearance(noTag, null, "Acme | Pricing");
    expect(look).toEqual({
      color: null, position: "right", brand: "Acme", greetingTitle: widgetDefaults.greetingTitle, greetingText: widgetDefaults.greetingText,
      startLabel: "Chat with our team", offlineText: widgetDefaults.offlineText, closedText: widgetDefaults.closedText,
    });
    expect(resolveAppearance(noTag, null, "").brand).toBe("Support");
  });

  it("shows the saved settings", () => {
    expect(resolveAppearance(noTag, saved, "Acme")).toEqual({
      color: "#0f766e", position: "left", brand: "Lumina", greetingTitle: "Welcome!", greetingText: "Ask us anything.",
      startLabel: "Talk to us", offlineText: "Back soon.", closedText: "Closed for today.",
    });
  });

  it("lets the script tag win where it sets something", () => {
    const look = resolveAppearance({ team: "the Lumina team", brand: "Lumina Inc", color: "#123456", greeting: "Hello!" }, saved, "Acme");
    expect(look.color).toBe("#123456");
    expect(look.brand).toBe("Lumina Inc");
    expect(look.greetingTitle).toBe("Hello!");
    expect(look.startLabel).toBe("Chat with the Lumina team");
    expect(look.greetingText).toBe("Ask us anything.");
    expect(look.position).toBe("left");
  });

  it("falls back to the defaults for texts the admin left unset", () => {
    const look = resolveAppearance(noTag, { ...saved, greetingTitle: null, startLabel: null }, "Acme");
    expect(look.greetingTitle).toBe(widgetDefaults.greetingTitle);
    expect(look.startLabel).toBe(widgetDefaults.startLabel);
  });
});

describe("brandColorCss", () => {
  it("paints the brand shades in the colour, or leaves the palette alone", () => {
    expect(brandColorCss("#0f766e")).toContain("--brand-600:#0f766e");
    expect(brandColorCss(null)).toBe("");
  });
});
