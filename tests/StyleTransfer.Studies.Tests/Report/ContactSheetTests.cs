using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Studies.Report;
using StyleTransfer.Studies.Tests.Support;

namespace StyleTransfer.Studies.Tests.Report;

public class ContactSheetTests
{
    [Fact]
    public void A_grid_places_each_file_in_its_cell_leaves_blanks_white_and_missing_files_grey()
    {
        using var dir = new TempFolder();
        var red = Path.Combine(dir.Path, "red.png");
        using (var picture = new Image<Rgb24>(40, 40, new Rgb24(200, 30, 30))) picture.SaveAsPng(red);
        var path = Path.Combine(dir.Path, "sheet.png");

        ContactSheet.WriteGrid([[red, ""], [Path.Combine(dir.Path, "absent.png"), red]], path);

        using var sheet = Image.Load<Rgb24>(path);
        Assert.Equal(2 * (ContactSheet.Cell + 4) + 4, sheet.Width);
        Assert.Equal(2 * (ContactSheet.Cell + 4) + 4, sheet.Height);
        Rgb24 Centre(int row, int column) => sheet[4 + column * (ContactSheet.Cell + 4) + ContactSheet.Cell / 2, 4 + row * (ContactSheet.Cell + 4) + ContactSheet.Cell / 2];
        Assert.Equal(new Rgb24(200, 30, 30), Centre(0, 0));
        Assert.Equal(new Rgb24(255, 255, 255), Centre(0, 1));
        Assert.Equal(Color.LightGray.ToPixel<Rgb24>(), Centre(1, 0));
        Assert.Equal(new Rgb24(200, 30, 30), Centre(1, 1));
    }
}
