using System.Text.Json;
using Microsoft.Playwright;

namespace Engagement.FunctionalTests.Web;

/// <summary>What a keyboard user has in hand: the focused control (inside the widget's shadow root too) and whether its focus shows.</summary>
public static class Keyboard
{
    /// <summary>The focused element: its accessible name (aria-label, else its text), tag, and whether a focus outline is drawn.</summary>
    public sealed record Focus(string Name, string Tag, string Role, bool Checked, bool OutlineVisible);

    public static async Task<Focus> FocusedAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            () => {
              let el = document.activeElement;
              while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
              if (!el) return { name: '', tag: '', role: '', checked: false, outline: false };
              const style = getComputedStyle(el);
              const labelled = el.getAttribute('aria-labelledby');
              const name = el.getAttribute('aria-label') || (labelled && el.getRootNode().getElementById(labelled)?.textContent)
                || (el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent || '';
              return {
                name: name.trim(), tag: el.tagName, role: el.getAttribute('role') || '', checked: el.getAttribute('aria-checked') === 'true',
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && el.matches(':focus-visible'),
              };
            }
            """);
        return new Focus(json.GetProperty("name").GetString()!, json.GetProperty("tag").GetString()!, json.GetProperty("role").GetString()!,
            json.GetProperty("checked").GetBoolean(), json.GetProperty("outline").GetBoolean());
    }

    /// <summary>Presses Tab (or Shift+Tab) until the focused control's name starts with <paramref name="name"/>; fails after 60 presses.</summary>
    public static async Task<Focus> TabToAsync(IPage page, string name, bool backwards = false)
    {
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
            var focus = await FocusedAsync(page);
            if (focus.Name.StartsWith(name, StringComparison.Ordinal)) return focus;
        }
        throw new InvalidOperationException($"Tab never reached \"{name}\"; focus is on \"{(await FocusedAsync(page)).Name}\".");
    }

    /// <summary>Waits until focus is on a control whose name starts with <paramref name="name"/> (focus moves after a render).</summary>
    public static async Task<Focus> ExpectFocusOnAsync(IPage page, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var focus = await FocusedAsync(page);
            if (focus.Name.StartsWith(name, StringComparison.Ordinal)) return focus;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Expected focus on \"{name}\", but it is on {focus.Tag} \"{focus.Name}\".");
            await Task.Delay(100);
        }
    }
}
