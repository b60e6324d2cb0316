using System.Text.Json;
using Microsoft.Playwright;
using StyleTransfer.Storage;
using StyleTransfer.Studies.Formats;
using StyleTransfer.Studies.Packaging;

namespace StyleTransfer.Studies.Tests;

/// <summary>An assignment page in headless Chromium, served by a localhost static server.</summary>
public sealed class AssignmentPageBrowserTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("studies-browser-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Answers_by_keyboard_and_mouse_are_saved_and_posted_and_early_answers_are_refused()
    {
        using var server = new StaticServer(Path.Combine(_folder, StudyLayout.Public));
        var study = new SyntheticStudy(assignments: 2, trials: 6, repeats: 1, gold: 1, size: 192);
        var definition = study.Definition with { MinSecondsPerTrial = 1.0 };
        await StudyPackageWriter.WriteAsync(definition, study, new LocalFolderResultStore(_folder), "",
            new StudyPackageOptions(PostUrl: server.Url + "answers"));
        var keys = File.ReadAllLines(Path.Combine(_folder, StudyLayout.TrialKeys))
            .Select(l => JsonSerializer.Deserialize<TrialKey>(l, StudyJson.Options)!).Where(k => k.AssignmentId == "a001").ToList();

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 860 }, AcceptDownloads = true });
        // Images wait until the test lets them through.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/images/*.png", async route =>
        {
            await gate.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync(server.Url + "assignments/a001.html?rater=rater-7");
        Assert.Equal("rater-7", await page.InputValueAsync("#rater"));
        await page.ClickAsync("#begin");
        Assert.Equal("Trial 1 of 6", await page.TextContentAsync("#count"));

        // Before the images load: refused.
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.ClickAsync("#right");
        Assert.Contains("wait until all images have loaded", await page.TextContentAsync("#hint"));
        Assert.Equal("Trial 1 of 6", await page.TextContentAsync("#count"));

        // Loaded, but before the minimum time: refused.
        gate.SetResult();
        await page.WaitForFunctionAsync("() => document.getElementById('hint').textContent.startsWith('Please look')");
        await page.Keyboard.PressAsync("f");
        Assert.Contains("a little longer", await page.TextContentAsync("#hint"));
        Assert.Equal("Trial 1 of 6", await page.TextContentAsync("#count"));

        var screenshot = Environment.GetEnvironmentVariable("STYLETRANSFER_STUDY_SCREENSHOT");
        var expected = new List<(Side Side, string Input)>();
        for (int i = 0; i < 6; i++)
        {
            await page.WaitForSelectorAsync("#choices.ready");
            Assert.Equal($"Trial {i + 1} of 6", await page.TextContentAsync("#count"));
            if (i == 0 && screenshot is { Length: > 0 }) await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
            switch (i % 4)
            {
                case 0: await page.Keyboard.PressAsync("ArrowRight"); expected.Add((Side.Right, "key")); break;
                case 1: await page.ClickAsync("#left"); expected.Add((Side.Left, "mouse")); break;
                case 2: await page.Keyboard.PressAsync("j"); expected.Add((Side.Right, "key")); break;
                default: await page.ClickAsync("#right img"); expected.Add((Side.Right, "mouse")); break;
            }
        }

        await page.WaitForSelectorAsync("#done:not([hidden])");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        Assert.Equal("a001-rater-7.answers.json", download.SuggestedFilename);
        var saved = await File.ReadAllTextAsync((await download.PathAsync())!);
        var answers = JsonSerializer.Deserialize<AssignmentAnswers>(saved, StudyJson.Options)!;

        Assert.Equal("s-test", answers.Study);
        Assert.Equal("a001", answers.Assignment);
        Assert.Equal("rater-7", answers.Rater);
        Assert.True(answers.FinishedAt > answers.StartedAt);
        Assert.Contains("Chrome", answers.UserAgent);
        Assert.Equal(6, answers.Answers.Count);
        for (int i = 0; i < 6; i++)
        {
            var answer = answers.Answers[i];
            Assert.Equal(keys[i].TrialId, answer.Trial);
            Assert.Equal(i, answer.Index);
            Assert.Equal((keys[i].Left.ImageId, keys[i].Right.ImageId), (answer.Left, answer.Right));
            Assert.Equal("q1", answer.Question);
            Assert.Equal(expected[i], (answer.Choice, answer.Input));
            Assert.True(answer.Milliseconds >= 1000, $"answer {i} after {answer.Milliseconds} ms");
        }

        // The same JSON was posted to --post-url.
        await page.WaitForFunctionAsync("() => document.getElementById('saved').textContent.includes('sent')");
        Assert.True(server.Posted.TryDequeue(out var posted));
        Assert.Equal(saved, posted);
    }

    [Fact]
    public async Task The_crowdsourcing_template_filled_from_a_batch_row_puts_the_answers_in_its_hidden_field()
    {
        var study = new SyntheticStudy(assignments: 2, trials: 4, repeats: 1, gold: 1, size: 64);
        var definition = study.Definition with { MinSecondsPerTrial = 0 };
        using var server = new StaticServer(Path.Combine(_folder, StudyLayout.Public));
        await StudyPackageWriter.WriteAsync(definition, study, new LocalFolderResultStore(_folder), "", new StudyPackageOptions(PublicUrl: server.Url));
        // What the platform does: one HIT per CSV row, ${column} replaced by the row's value.
        var rows = File.ReadAllLines(Path.Combine(_folder, StudyLayout.CrowdBatch));
        var header = rows[0].Split(',');
        var row = rows[2].Split(',');
        var html = File.ReadAllText(Path.Combine(_folder, StudyLayout.CrowdTemplate));
        for (int i = 0; i < header.Length; i++) html = html.Replace("${" + header[i] + "}", row[i]);
        Assert.DoesNotContain("${", html);
        File.WriteAllText(Path.Combine(_folder, StudyLayout.Public, "hit.html"), html);
        var keys = File.ReadAllLines(Path.Combine(_folder, StudyLayout.TrialKeys))
            .Select(l => JsonSerializer.Deserialize<TrialKey>(l, StudyJson.Options)!).Where(k => k.AssignmentId == row[0]).ToList();

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await page.RouteAsync("https://assets.crowd.aws/**", route => route.AbortAsync());
        await page.GotoAsync(server.Url + "hit.html?workerId=W123");
        Assert.Equal("W123", await page.InputValueAsync("#rater"));
        Assert.Equal("", await page.InputValueAsync("input[name=answers]"));
        await page.ClickAsync("#begin");
        for (int i = 0; i < keys.Count; i++)
        {
            await page.WaitForSelectorAsync("#choices.ready");
            await page.Keyboard.PressAsync(i % 2 == 0 ? "f" : "j");
        }
        await page.WaitForSelectorAsync("#done:not([hidden])");

        var answers = JsonSerializer.Deserialize<AssignmentAnswers>(await page.InputValueAsync("input[name=answers]"), StudyJson.Options)!;
        Assert.Equal((row[1], row[0], "W123"), (answers.Study, answers.Assignment, answers.Rater));
        Assert.Equal(keys.Select(k => k.TrialId), answers.Answers.Select(a => a.Trial));
        Assert.Equal(keys.Select(k => k.Left.ImageId), answers.Answers.Select(a => a.Left));
        Assert.Equal(keys.Select((_, i) => i % 2 == 0 ? Side.Left : Side.Right), answers.Answers.Select(a => a.Choice));
    }
}
