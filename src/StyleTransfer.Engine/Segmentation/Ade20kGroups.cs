namespace StyleTransfer.Engine.Segmentation;

/// <summary>Coarse semantic groups that scene-parsing classes are folded into for style transfer.</summary>
public enum SceneGroup { Sky, Water, Vegetation, Building, Ground, Person, Mountain, Vehicle, Other }

/// <summary>
/// The 150 classes of the ADE20K scene-parsing benchmark (MIT SceneParsing objectInfo150, 0-based, i.e. the
/// model's output channel) and the <see cref="SceneGroup"/> each belongs to, with the palette label of each group.
/// </summary>
public static class Ade20kGroups
{
    public static readonly IReadOnlyList<string> ClassNames =
    [
        "wall", "building", "sky", "floor", "tree", "ceiling", "road", "bed", "windowpane", "grass",
        "cabinet", "sidewalk", "person", "earth", "door", "table", "mountain", "plant", "curtain", "chair",
        "car", "water", "painting", "sofa", "shelf", "house", "sea", "mirror", "rug", "field",
        "armchair", "seat", "fence", "desk", "rock", "wardrobe", "lamp", "bathtub", "railing", "cushion",
        "base", "box", "column", "signboard", "chest of drawers", "counter", "sand", "sink", "skyscraper", "fireplace",
        "refrigerator", "grandstand", "path", "stairs", "runway", "case", "pool table", "pillow", "screen door", "stairway",
        "river", "bridge", "bookcase", "blind", "coffee table", "toilet", "flower", "book", "hill", "bench",
        "countertop", "stove", "palm", "kitchen island", "computer", "swivel chair", "boat", "bar", "arcade machine", "hovel",
        "bus", "towel", "light", "truck", "tower", "chandelier", "awning", "streetlight", "booth", "television receiver",
        "airplane", "dirt track", "apparel", "pole", "land", "bannister", "escalator", "ottoman", "bottle", "buffet",
        "poster", "stage", "van", "ship", "fountain", "conveyer belt", "canopy", "washer", "plaything", "swimming pool",
        "stool", "barrel", "basket", "waterfall", "tent", "bag", "minibike", "cradle", "oven", "ball",
        "food", "step", "tank", "trade name", "microwave", "pot", "animal", "bicycle", "lake", "dishwasher",
        "screen", "blanket", "sculpture", "hood", "sconce", "vase", "traffic light", "tray", "ashcan", "fan",
        "pier", "crt screen", "plate", "monitor", "bulletin board", "shower", "radiator", "glass", "clock", "flag",
    ];

    static readonly Dictionary<string, SceneGroup> Named = new()
    {
        ["sky"] = SceneGroup.Sky,
        ["water"] = SceneGroup.Water, ["sea"] = SceneGroup.Water, ["river"] = SceneGroup.Water, ["lake"] = SceneGroup.Water,
        ["swimming pool"] = SceneGroup.Water, ["waterfall"] = SceneGroup.Water, ["fountain"] = SceneGroup.Water,
        ["tree"] = SceneGroup.Vegetation, ["grass"] = SceneGroup.Vegetation, ["plant"] = SceneGroup.Vegetation,
        ["field"] = SceneGroup.Vegetation, ["flower"] = SceneGroup.Vegetation, ["palm"] = SceneGroup.Vegetation,
        ["wall"] = SceneGroup.Building, ["building"] = SceneGroup.Building, ["ceiling"] = SceneGroup.Building,
        ["windowpane"] = SceneGroup.Building, ["door"] = SceneGroup.Building, ["house"] = SceneGroup.Building,
        ["fence"] = SceneGroup.Building, ["railing"] = SceneGroup.Building, ["column"] = SceneGroup.Building,
        ["skyscraper"] = SceneGroup.Building, ["grandstand"] = SceneGroup.Building, ["stairs"] = SceneGroup.Building,
        ["screen door"] = SceneGroup.Building, ["stairway"] = SceneGroup.Building, ["bridge"] = SceneGroup.Building,
        ["hovel"] = SceneGroup.Building, ["tower"] = SceneGroup.Building, ["awning"] = SceneGroup.Building,
        ["booth"] = SceneGroup.Building, ["bannister"] = SceneGroup.Building, ["escalator"] = SceneGroup.Building,
        ["canopy"] = SceneGroup.Building, ["tent"] = SceneGroup.Building, ["pier"] = SceneGroup.Building,
        ["floor"] = SceneGroup.Ground, ["road"] = SceneGroup.Ground, ["sidewalk"] = SceneGroup.Ground,
        ["earth"] = SceneGroup.Ground, ["rug"] = SceneGroup.Ground, ["sand"] = SceneGroup.Ground,
        ["path"] = SceneGroup.Ground, ["runway"] = SceneGroup.Ground, ["dirt track"] = SceneGroup.Ground,
        ["land"] = SceneGroup.Ground, ["stage"] = SceneGroup.Ground, ["step"] = SceneGroup.Ground,
        ["person"] = SceneGroup.Person,
        ["mountain"] = SceneGroup.Mountain, ["hill"] = SceneGroup.Mountain, ["rock"] = SceneGroup.Mountain,
        ["car"] = SceneGroup.Vehicle, ["boat"] = SceneGroup.Vehicle, ["bus"] = SceneGroup.Vehicle,
        ["truck"] = SceneGroup.Vehicle, ["airplane"] = SceneGroup.Vehicle, ["van"] = SceneGroup.Vehicle,
        ["ship"] = SceneGroup.Vehicle, ["minibike"] = SceneGroup.Vehicle, ["bicycle"] = SceneGroup.Vehicle,
    };

    /// <summary>Group of each class index (0..149); classes not named above are <see cref="SceneGroup.Other"/>.</summary>
    public static readonly IReadOnlyList<SceneGroup> ByClass =
        ClassNames.Select(n => Named.TryGetValue(n, out var g) ? g : SceneGroup.Other).ToArray();

    /// <summary>Palette label of each group (the colours of Deep Photo Style Transfer's masks: sky is blue, vegetation green...).</summary>
    public static string LabelOf(SceneGroup group) => group switch
    {
        SceneGroup.Sky => "blue",
        SceneGroup.Vegetation => "green",
        SceneGroup.Other => "black",
        SceneGroup.Building => "white",
        SceneGroup.Person => "red",
        SceneGroup.Ground => "yellow",
        SceneGroup.Mountain => "grey",
        SceneGroup.Water => "lightblue",
        SceneGroup.Vehicle => "purple",
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, null),
    };

    public static SceneGroup GroupOf(int classIndex) =>
        classIndex >= 0 && classIndex < ByClass.Count
            ? ByClass[classIndex]
            : throw new ArgumentOutOfRangeException(nameof(classIndex), classIndex, $"ADE20K class indices are 0..{ByClass.Count - 1}");
}
