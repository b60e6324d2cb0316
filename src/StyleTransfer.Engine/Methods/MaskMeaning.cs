namespace StyleTransfer.Engine.Methods;

/// <summary>What a method makes of an item's content/style mask pair.</summary>
public enum MaskMeaning
{
    /// <summary>The method takes no masks.</summary>
    None,

    /// <summary>Deep Photo Style Transfer colour-label masks: style statistics per matching semantic region.</summary>
    ColorLabels,

    /// <summary>Colour-coded guidance images: regions painted in the same colour correspond (STROTSS).</summary>
    Guidance,
}
