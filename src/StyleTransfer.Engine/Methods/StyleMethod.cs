namespace StyleTransfer.Engine.Methods;

/// <summary>The stylization methods a job can choose per item.</summary>
public enum StyleMethod
{
    /// <summary>Gatys et al. (CVPR 2016): Gram statistics, pixel optimization.</summary>
    Gatys,

    /// <summary>Deep Photo Style Transfer (Luan et al., CVPR 2017): semantic Grams + Matting-Laplacian photorealism.</summary>
    Photo,

    /// <summary>STROTSS (Kolkin et al., CVPR 2019): relaxed optimal transport + self-similarity.</summary>
    Strotss,
}
