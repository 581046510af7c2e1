# Runs a script in a new pwsh process, as a user would from a terminal: what the host writes (-WhatIf, prompts,
# Write-Host) lands on its stdout, and settings such as HOME can differ from this session's. Dot-source it.

# (Get-PwshCommand, the pwsh running these tests, is in Common.ps1, which every test file dot-sources first.)

# Runs $Script with -NoProfile -NonInteractive; returns its stdout and stderr as lines, and sets $LASTEXITCODE.
# -Environment sets variables for the child only.
function Invoke-ChildPwsh {
    param([Parameter(Mandatory)][string] $Script, [hashtable] $Environment = @{})
    $command = Get-PwshCommand
    $saved = @{}
    foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
    try {
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
        $exe, $rest = $command
        & $exe @rest -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1 | ForEach-Object { "$_" }
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}
