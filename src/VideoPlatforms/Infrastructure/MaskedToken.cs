namespace VideoPlatforms.Commands;

/// <summary>
/// An upload token as errors, prompts and -WhatIf show it: enough to tell it apart from the others, not enough to
/// use it (the token is a credential).
/// </summary>
internal static class MaskedToken
{
    public static string Of(string token) => token.Length > 8 ? token[..4] + "..." + token[^2..] : "***";
}
