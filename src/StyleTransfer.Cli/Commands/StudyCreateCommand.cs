using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using StyleTransfer.Cli.Inputs;
using StyleTransfer.Cli.Options;
using StyleTransfer.Cli.Running;
using StyleTransfer.Contracts;
using StyleTransfer.Grains;
using StyleTransfer.Storage;
using StyleTransfer.Studies.Design;
using StyleTransfer.Studies.Formats;
using StyleTransfer.Studies.Packaging;

namespace StyleTransfer.Cli.Commands;

/// <summary>
/// <c>styletransfer study create</c>: every content × style × condition made as one job (on the embedded silo or a
/// cluster; outputs that already exist with the same parameters are skipped), then the blinded study package
/// (<see cref="StudyPackageWriter"/>) written through the same result store under --out.
/// </summary>
public sealed class StudyCreateCommand : Command
{
    public const string Examples = """
        Examples:
          styletransfer study create --content samples/photos --style samples/styles/ihc.png \
              --condition lo=gatys:style-weight=10 --condition hi=gatys:style-weight=1000 \
              --question style="Which image better matches the style of the painting?" \
              --assignments 4 --trials-per-assignment 12 --repeats 2 --gold 2 --size 256 --iterations 100 --out study/
          styletransfer study create ... --store azure --container studies --out study-1 --public-url https://<account>.z6.web.core.windows.net/study-1/public/

        Writes <out>/outputs/<condition>/ (the job's outputs), <out>/public/ (publishable: images under random ids,
        one HTML page per assignment, index.html, crowd/batch.csv + crowd/template.html) and <out>/key/ (private:
        study.json, images.jsonl, trials.jsonl). Exit codes: 0 written, 2 some outputs failed (no package), 1 usage error.
        """;

    readonly MethodOptions _method = new();
    readonly ClusterOptions _cluster = new();

    readonly Option<string[]> _content = new("--content", "-c")
    {
        Description = "Content images: folders, list files or images (repeatable)",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
        HelpName = "folder|list|image",
    };

    readonly Option<string[]> _style = new("--style", "-s")
    {
        Description = "Style images: folders, list files or images (repeatable)",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
        HelpName = "folder|list|image",
    };

    readonly Option<bool> _recursive = new("--recursive", "-r") { Description = "Include images in subfolders of --content/--style folders" };

    readonly Option<string[]> _condition = new("--condition")
    {
        Description = "A condition: name=method[:option=value,…] (repeatable, at least 2), e.g. gatys-lo=gatys:style-weight=10; "
            + "the method options below apply to every condition unless it sets its own",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
        HelpName = "name=method[:opt=val,…]",
    };

    readonly Option<string[]> _question = new("--question")
    {
        Description = "A question: id=text (repeatable; every comparison is asked once per question). Gold trials use ids containing "
            + $"'style' (the stylized output is right) or 'content'/'photo'/'realism' (the unstylized photo is right) [default: {QuestionArgument.Default.Id}=\"{QuestionArgument.Default.Text}\"]",
        Arity = ArgumentArity.OneOrMore,
        HelpName = "id=text",
    };

    readonly Option<int> _assignments = new("--assignments") { Description = "Number of assignments (one page each)", DefaultValueFactory = _ => 10, HelpName = "n" };

    readonly Option<int> _trials = new("--trials-per-assignment")
    {
        Description = "Trials per assignment, repeats and gold included",
        DefaultValueFactory = _ => 20,
        HelpName = "n",
    };

    readonly Option<int> _repeats = new("--repeats") { Description = "Repeated trials per assignment (shown again later, sides swapped)", DefaultValueFactory = _ => 2, HelpName = "n" };

    readonly Option<int> _gold = new("--gold") { Description = "Gold trials per assignment (an output against the unstylized content)", DefaultValueFactory = _ => 2, HelpName = "n" };

    readonly Option<double> _minSeconds = new("--min-seconds") { Description = "Minimum seconds per trial before an answer is taken", DefaultValueFactory = _ => 1.5, HelpName = "s" };

    readonly Option<int> _seed = new("--seed")
    {
        Description = "Seed of the design and the random ids (the same seed and inputs give the same package); a condition's own method seed is seed=N",
        DefaultValueFactory = _ => 1,
        HelpName = "n",
    };

    readonly Option<string> _out = new("--out", "-o")
    {
        Description = "Study folder (with --cluster or --store azure: result name prefix)",
        Required = true,
        HelpName = "folder",
    };

    readonly Option<string?> _postUrl = new("--post-url") { Description = "URL the pages POST their answers JSON to (they always offer a download)", HelpName = "url" };

    readonly Option<string?> _publicUrl = new("--public-url")
    {
        Description = "Absolute URL the public folder will be served from; the crowdsourcing batch's image and page URLs start with it (default: relative)",
        HelpName = "url",
    };

    readonly Option<string?> _studyId = new("--study-id") { Description = "Study id (default: derived from the design)", HelpName = "id" };

    public StudyCreateCommand() : base("create", "Generate every content × style × condition as one job and write a blinded forced-choice study package")
    {
        foreach (var option in new Option[] { _content, _style, _recursive, _condition, _question, _assignments, _trials, _repeats, _gold, _minSeconds, _seed, _out, _postUrl, _publicUrl, _studyId })
            Options.Add(option);
        foreach (var option in StudyMethodOptions) Options.Add(option);
        _cluster.AddTo(this);
        SetAction((parse, cancellationToken) => CliApp.GuardAsync(parse, () => RunAsync(parse, cancellationToken)));
    }

    /// <summary>The method options that apply to every condition: all but --method (each condition names its own) and
    /// --seed (the study's).</summary>
    IEnumerable<Option> StudyMethodOptions => _method.All.Where(o => o != _method.Method && o != _method.Seed);

    async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var booleans = ConditionOptions.BooleanOptionNames();
        var arguments = (parse.GetValue(_condition) ?? []).Select(c => ConditionArgument.Parse(c, booleans)).ToList();
        if (arguments.Count < 2) throw new UsageException("--condition: a study needs at least 2 conditions");
        var duplicate = arguments.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new UsageException($"--condition {duplicate.Key}: two conditions have this name");
        var conditionOptions = arguments.Select(c => MethodSpecMapping.ToSpec(ConditionOptions.Bind(c, parse, StudyMethodOptions))).ToList();

        var questions = (parse.GetValue(_question) ?? []).Select(QuestionArgument.Parse).ToList();
        if (questions.Count == 0) questions.Add(QuestionArgument.Default);
        var sameQuestion = questions.GroupBy(q => q.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (sameQuestion is not null) throw new UsageException($"--question {sameQuestion.Key}: two questions have this id");

        bool recursive = parse.GetValue(_recursive);
        var contents = StudyImageFiles.Discover("--content", parse.GetValue(_content) ?? [], recursive);
        var styles = StudyImageFiles.Discover("--style", parse.GetValue(_style) ?? [], recursive);
        var contentNames = OutputNames.UniqueStems(contents);
        var styleNames = OutputNames.UniqueStems(styles);

        double minSeconds = parse.GetValue(_minSeconds);
        if (!(minSeconds >= 0 && minSeconds <= 600)) throw new UsageException($"--min-seconds {minSeconds}: must be between 0 and 600");
        var postUrl = AbsoluteUrl(_postUrl, parse.GetValue(_postUrl));
        var publicUrl = AbsoluteUrl(_publicUrl, parse.GetValue(_publicUrl));
        var conditions = arguments.Select((c, i) => new StudyCondition(c.Name, c.Method,
            c.Options.ToDictionary(o => o.Key, o => o.Value ?? "true", StringComparer.Ordinal))).ToList();
        var definition = new StudyDefinition("", parse.GetValue(_seed), conditions, questions, contentNames, styleNames,
            parse.GetValue(_assignments), parse.GetValue(_trials), parse.GetValue(_repeats), parse.GetValue(_gold), minSeconds);
        definition = definition with { StudyId = StudyId(parse.GetValue(_studyId), definition) };
        try
        {
            // The design's numbers are checked before any image is made.
            _ = new StudyDesign(conditions.Count, contents.Count * styles.Count, questions.Select(q => GoldRules.For(q.Id)).ToList(),
                definition.Assignments, definition.TrialsPerAssignment, definition.RepeatsPerAssignment, definition.GoldPerAssignment, definition.Seed);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"study design (--assignments/--trials-per-assignment/--repeats/--gold/--question): {e.Message}");
        }

        var target = _cluster.Bind(parse, storeWithCluster: true);
        var storeOptions = target.IsEmbedded ? target.Store! : _cluster.BindStore(parse);
        if (!target.IsEmbedded && storeOptions.Kind != ResultStoreOptions.AzureKind)
            throw new UsageException("--cluster: study create reads the outputs and writes the package through the cluster's result store; "
                + "give it with --store azure --azure-connection … --container … (the container the silos write to)");
        var outValue = parse.GetValue(_out)!;
        string studyPrefix;
        if (storeOptions.Kind == ResultStoreOptions.LocalKind)
        {
            var folder = Path.GetFullPath(outValue);
            if (File.Exists(folder)) throw new UsageException($"--out {outValue}: is a file; give a folder");
            storeOptions.Path = folder;
            studyPrefix = "";
        }
        else
        {
            studyPrefix = JobLauncher.NamePrefix("--out", outValue);
        }
        var outputsPrefix = studyPrefix.Length == 0 ? StudyLayout.Outputs : $"{studyPrefix}/{StudyLayout.Outputs}";

        string OutputName(int condition, int content, int style) => $"{conditions[condition].Name}/{OutputNames.For(contentNames[content], styleNames[style])}";
        var items = new List<JobItemSpec>();
        for (int k = 0; k < conditions.Count; k++)
        for (int c = 0; c < contents.Count; c++)
        for (int s = 0; s < styles.Count; s++)
        {
            var name = OutputName(k, c, s);
            items.Add(new JobItemSpec(name, contents[c], [new StyleSpec(styles[s])], name) { Options = conditionOptions[k] });
        }
        var spec = JobLauncher.Plan(parse, _cluster, target, items, conditionOptions[0], outputsPrefix);
        output.WriteLine($"Study {definition.StudyId}: {conditions.Count} conditions ({string.Join(", ", conditions.Select(c => c.Name))}) × "
            + $"{contents.Count} contents × {styles.Count} styles = {items.Count} outputs");
        int code = await JobLauncher.RunAsync(parse, _cluster, target, spec, cancellationToken);
        if (code != ExitCodes.Success)
        {
            if (code == ExitCodes.ItemsFailed)
                output.WriteLine("Study package not written: some outputs failed (see above). Fix them and run the same command again; finished outputs are reused.");
            return code;
        }

        var clock = Stopwatch.StartNew();
        var store = ResultStoreFactory.Create(storeOptions);
        var source = new StoreStudyImages(store, (k, c, s) => spec.OutputNameOf(OutputName(k, c, s)), contents, styles);
        var summary = await StudyPackageWriter.WriteAsync(definition, source, store, studyPrefix,
            new StudyPackageOptions(postUrl, publicUrl), cancellationToken);
        StudySummary.Write(output, summary, definition, store, studyPrefix, clock.Elapsed);
        return ExitCodes.Success;
    }

    static string? AbsoluteUrl(Option option, string? value)
    {
        if (value is null) return null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new UsageException($"{option.Name} {value}: expected an absolute http(s) URL");
        return value;
    }

    /// <summary>The given id, else a hash of the design (opaque: it appears in the public pages).</summary>
    static string StudyId(string? given, StudyDefinition definition)
    {
        if (given is not null)
        {
            if (given.Length == 0 || given.Any(ch => !char.IsAsciiLetterOrDigit(ch) && ch is not '-' and not '_'))
                throw new UsageException($"--study-id '{given}': letters, digits, '-' and '_' only");
            return given;
        }
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(definition, StudyJson.Options));
        return "s-" + Convert.ToHexStringLower(hash)[..12];
    }
}
