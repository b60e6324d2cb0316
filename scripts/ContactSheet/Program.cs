using StyleTransfer.Studies.Report;

// Usage: ContactSheet <out.png> <columns> <file|-> ...
// The files fill the grid row by row; "-" leaves a cell white, a missing or unreadable file leaves it grey.
if (args.Length < 3 || !int.TryParse(args[1], out int columns) || columns < 1)
{
    Console.Error.WriteLine("usage: ContactSheet <out.png> <columns> <file|-> ...");
    return 1;
}
var cells = args[2..].Select(a => a == "-" ? "" : a).ToList();
var rows = cells.Chunk(columns).Select(r => (IReadOnlyList<string?>)r).ToList();
ContactSheet.WriteGrid(rows, args[0]);
return 0;
