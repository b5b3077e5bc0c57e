namespace Verifier.Core.Identification;

/// <summary>The definition of one GS1 Application Identifier: data format, separator rule, associations.</summary>
public sealed class Gs1ApplicationIdentifier
{
    internal Gs1ApplicationIdentifier(
        string ai,
        string title,
        bool hasPredefinedLength,
        bool isDigitalLinkAttribute,
        IReadOnlyList<Gs1Component> components,
        IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> requisites,
        IReadOnlyList<string> exclusions,
        IReadOnlyList<IReadOnlyList<string>>? digitalLinkQualifiers)
    {
        Ai = ai;
        Title = title;
        HasPredefinedLength = hasPredefinedLength;
        IsDigitalLinkAttribute = isDigitalLinkAttribute;
        Components = components;
        Requisites = requisites;
        Exclusions = exclusions;
        DigitalLinkQualifiers = digitalLinkQualifiers;
        MinLength = components.Where(c => !c.IsOptional).Sum(c => c.MinLength);
        MaxLength = components.Sum(c => c.MaxLength);
        IsFmdElement = ai is "01" or "10" or "17" or "21" || IsNhrn;
    }

    public string Ai { get; }

    public string Title { get; }

    /// <summary>
    /// Predefined length (GS1 General Specifications figure 7.8.5-2): the value never needs a GS
    /// after it, so in an element string it ends after exactly <see cref="MaxLength"/> characters.
    /// </summary>
    public bool HasPredefinedLength { get; }

    /// <summary>May appear as a query attribute of a GS1 Digital Link URI.</summary>
    public bool IsDigitalLinkAttribute { get; }

    public IReadOnlyList<Gs1Component> Components { get; }

    public int MinLength { get; }

    public int MaxLength { get; }

    /// <summary>Carries a unique-identifier element: 01, 10, 17, 21 or an NHRN (710-717).</summary>
    public bool IsFmdElement { get; }

    /// <summary>A national healthcare reimbursement number AI (71x).</summary>
    public bool IsNhrn => Ai.Length == 3 && Ai.StartsWith("71", StringComparison.Ordinal);

    /// <summary>A GS1 Digital Link primary key (e.g. 01, 00, 414).</summary>
    public bool IsDigitalLinkPrimaryKey => DigitalLinkQualifiers is not null;

    /// <summary>All rules must hold; a rule holds if one alternative holds; an alternative holds if all its AI patterns ('n' = any digit) are present.</summary>
    internal IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Requisites { get; }

    /// <summary>AI patterns that must not occur together with this AI.</summary>
    internal IReadOnlyList<string> Exclusions { get; }

    /// <summary>For primary keys: the alternative ordered sequences of qualifier AIs allowed in the URI path.</summary>
    internal IReadOnlyList<IReadOnlyList<string>>? DigitalLinkQualifiers { get; }

    public override string ToString() => $"({Ai}) {Title}";
}
