using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Fengqiao.E2E;

/// <summary>
/// Typing into an interactive-server page the way a careful person does. On a busy machine a render caused by an
/// earlier event (a select closing, a suggestion arriving) can reach the browser after the next field was typed and
/// put the server's older value back: the text vanishes and the person types it again. The helper commits each field
/// (Tab fires the change event), lets the page settle and types again if the text did not stay, so a journey tests
/// the feature and not the race of the test machine.
/// </summary>
public static class InteractiveForms
{
    /// <summary>The input or textarea of a form field, whether the test id sits on the MudBlazor wrapper or on the element.</summary>
    public static ILocator Field(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}] input, [data-testid={testId}] textarea, input[data-testid={testId}], textarea[data-testid={testId}]").First;

    /// <summary>
    /// Opens a single-choice MudSelect, clicks the item whose whole text is <paramref name="option"/>, and waits for the
    /// list to close: the server render that closes it also holds the new value, and a button clicked before it
    /// would act on the old one.
    /// </summary>
    public static async Task ChooseAsync(IPage page, string selectTestId, string option)
    {
        var shown = page.Locator($"[data-testid={selectTestId}] input");
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator($"[data-testid={selectTestId}]").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") }).First.ClickAsync();
            // A click on a list that a render replaced never reaches the server: the list may stay open (seen once in
            // CI, for 20 s), or close on the old value. Either way the choice is made again, up to three times.
            var open = page.Locator(".mud-popover-open .mud-list-item");
            if (attempt < 3)
            {
                try
                {
                    await Assertions.Expect(open).ToHaveCountAsync(0, new() { Timeout = 5_000 });
                }
                catch (PlaywrightException)
                {
                    await page.Keyboard.PressAsync("Escape");
                    await Assertions.Expect(open).ToHaveCountAsync(0);
                    continue;
                }
            }
            else
            {
                await Assertions.Expect(open).ToHaveCountAsync(0);
            }
            if (attempt == 3 || await shown.CountAsync() == 0 || (await shown.First.InputValueAsync()).Contains(option, StringComparison.Ordinal))
            {
                return;
            }
            await page.WaitForTimeoutAsync(300);
        }
    }

    /// <summary>
    /// Types into a MudAutocomplete and picks the suggestion holding <paramref name="pick"/>, then waits until the
    /// server has taken the pick: the input then shows the chosen item's own text, no longer what was typed. The
    /// suggestions are re-rendered as results arrive; a click on a list the next render replaced never reaches the
    /// server, the field keeps the typed text (which looks like a pick), and the form later says nothing was chosen.
    /// </summary>
    public static async Task PickAsync(IPage page, string testId, string typed, string pick)
    {
        var input = Field(page, testId);
        for (var attempt = 1; ; attempt++)
        {
            await input.FillAsync(typed);
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = pick }).First.ClickAsync();
            for (var wait = 0; wait < 25; wait++)
            {
                var value = await input.InputValueAsync();
                if (value != typed && value.Contains(pick, StringComparison.Ordinal))
                {
                    await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
                    return;
                }
                await page.WaitForTimeoutAsync(200);
            }
            if (attempt == 3)
            {
                throw new TimeoutException($"picking “{pick}” in {testId} did not reach the server (the field shows “{await input.InputValueAsync()}”)");
            }
        }
    }

    /// <summary>
    /// Clicks 登记 once the intake form's earlier-cases lookup has settled. The lookup runs when typing pauses and its
    /// panel appears above the button; a click aimed before it appeared landed in the panel (seen on PostgreSQL in CI).
    /// </summary>
    public static async Task SubmitIntakeAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("[data-testid=intake-form]")).ToHaveAttributeAsync("data-previewing", "false", new() { Timeout = 30_000 });
        await page.ClickAsync("[data-testid=intake-submit]");
    }

    public static async Task EnterAsync(this ILocator field, string text)
    {
        for (var attempt = 1; ; attempt++)
        {
            await field.FillAsync(text);
            await field.PressAsync("Tab");
            await field.Page.WaitForTimeoutAsync(300);
            if (await field.InputValueAsync() == text || attempt == 5)
            {
                break;
            }
        }
        await Assertions.Expect(field).ToHaveValueAsync(text);
    }

    /// <summary>
    /// Chooses files on a Blazor file input once Blazor's InputFile script has taken the element over (it marks the
    /// element when it starts listening). On a busy machine the element is on the page before that; files set earlier
    /// raise a change event nobody hears, and the page waits for an upload that never comes.
    /// </summary>
    public static async Task UploadAsync(ILocator input, params FilePayload[] files)
    {
        await WhenListeningAsync(input);
        await input.SetInputFilesAsync(files);
    }

    /// <inheritdoc cref="UploadAsync(ILocator, FilePayload[])"/>
    public static async Task UploadAsync(ILocator input, string path)
    {
        await WhenListeningAsync(input);
        await input.SetInputFilesAsync(path);
    }

    private static async Task WhenListeningAsync(ILocator input)
    {
        var handle = await input.ElementHandleAsync();
        await input.Page.WaitForFunctionAsync("e => e._blazorInputFileNextFileId !== undefined", handle, new() { Timeout = 60_000 });
    }
}
