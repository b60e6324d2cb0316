using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Studies.Analysis;
using StyleTransfer.Studies.Formats;
using StyleTransfer.Studies.Report;
using StyleTransfer.Studies.Simulation;
using StyleTransfer.Studies.Tests.Support;

namespace StyleTransfer.Studies.Tests.Report;

public class ReportWriterTests
{
    static readonly string[] Conditions = ["gatys", "photo", "strotss"];

    [Fact]
    public void Writes_the_report_with_plots_and_contact_sheets()
    {
        using var dir = new TempFolder();
        var key = TestStudy.Build(Conditions, assignments: 6, testTrials: 12, repeats: 4, gold: 4, questions: ["style", "photo"]);
        var images = Path.Combine(dir.Path, "images");
        Directory.CreateDirectory(images);
        // Every image but one output of "photo": its cell stays grey.
        var photoOutput = key.Images.First(i => i.Condition == "photo");
        foreach (var image in key.Images.Where(i => i != photoOutput))
        {
            using var picture = new Image<Rgb24>(40, 30, new Rgb24(200, 30, 30));
            picture.SaveAsPng(Path.Combine(images, image.Id + ".png"));
        }
        var simulation = SimulatedRaters.Simulate(key, new SimulationOptions(12, 2, 3, TestStudy.Strengths(Conditions)));
        var result = StudyAnalysis.Run(key, simulation.Answers.Select(a => new LoadedAnswers("sim", null, a.Rater!, a)).ToList(),
            AnalysisOptions.Default with { BootstrapResamples = 200 });

        var written = ReportWriter.Write(result, key, images, Path.Combine(dir.Path, "out"));

        var report = File.ReadAllText(written.Report);
        Assert.Contains("## Question `style`", report);
        Assert.Contains("## Question `photo`", report);
        Assert.Contains("| `gatys` | `photo` |", report);
        Assert.Contains("![Bradley–Terry scores](plots/scores-style.png)", report);
        foreach (var rater in result.Raters.Where(r => !r.Kept)) Assert.Contains($"| {rater.Rater} |", report);
        Assert.Contains("**rejected**", report);
        foreach (var file in new[] { "plots/scores-style.png", "plots/winrates-style.png", "plots/scores-photo.png", "contact/gatys.png", "contact/photo.png" })
        {
            Assert.Contains(file, written.Files);
            using var png = Image.Load<Rgb24>(Path.Combine(dir.Path, "out", file));
            Assert.True(png.Width > 100 && png.Height > 100, file);
        }
        // Contact sheet: one row per content and one column per style, plus the header row and column.
        using var sheet = Image.Load<Rgb24>(Path.Combine(dir.Path, "out", "contact/photo.png"));
        Assert.Equal(3 * (ContactSheet.Cell + 4) + 4, sheet.Width);
        Assert.Equal(3 * (ContactSheet.Cell + 4) + 4, sheet.Height);
        Assert.True(File.Exists(Path.Combine(dir.Path, "out", ReportWriter.JsonFile)));
    }

    [Fact]
    public void Without_images_the_contact_sheets_are_skipped_with_a_note()
    {
        using var dir = new TempFolder();
        var key = TestStudy.Build(Conditions, assignments: 3, testTrials: 6, repeats: 2, gold: 2);
        var simulation = SimulatedRaters.Simulate(key, new SimulationOptions(3, 0, 3, TestStudy.Strengths(Conditions)));
        var result = StudyAnalysis.Run(key, simulation.Answers.Select(a => new LoadedAnswers("sim", null, a.Rater!, a)).ToList(),
            AnalysisOptions.Default with { BootstrapResamples = 50 });

        var written = ReportWriter.Write(result, key, Path.Combine(dir.Path, "missing"), Path.Combine(dir.Path, "out"));

        Assert.DoesNotContain(written.Files, f => f.StartsWith("contact/"));
        Assert.Contains("No images found", File.ReadAllText(written.Report));
    }

    [Fact]
    public void Plots_have_fonts_on_this_machine()
    {
        // Without fonts ScottPlot still draws, but with no text; scripts/test.sh installs fonts-dejavu-core.
        Assert.True(ReportPlots.FontsAvailable, "no fonts found by SkiaSharp: install fonts-dejavu-core");
    }
}
