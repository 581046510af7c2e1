<#
.SYNOPSIS
Runs the Pester suite (tests/Pester/*.Tests.ps1) in this pwsh process and writes what happened as JSON.

.DESCRIPTION
`dotnet test` runs this twice through tests/VideoPlatforms.Pester: once with -Discover, to list every test (each
becomes its own xunit case, so dotnet test counts it), then once for real against a Sandbox it hosts. A person can
run it too, with a Sandbox running (see README, "The Sandbox") and the module built:

    $env:VIDEOPLATFORMS_SANDBOX = 'http://127.0.0.1:5080/'
    dotnet pwsh -NoProfile -NonInteractive -File tests/Pester/Invoke-PesterSuite.ps1

(-NonInteractive as CI runs it: a confirmation prompt fails at once instead of waiting for an answer.)

Each test is keyed "<file> > <block> > ... > <test>", with its -ForEach templates (<Provider>) expanded. A test name
may only use -ForEach data in its templates: discovery expands them from that data, as Pester does at run time, and a
name that expands differently at run time shows up as a test discovered but not run.

The JSON (-ResultPath) holds one record per file: its result and the errors of loading it or of its BeforeAll/AfterAll
blocks; and one per test: key, file, line, result, whether its -Skip condition held, duration and error messages.

Environment (set by the xunit fixture; defaults suit a person's clone):
  VIDEOPLATFORMS_MODULE, VIDEOPLATFORMS_SANDBOX  read by Common.ps1
  VIDEOPLATFORMS_NUGET_PACKAGES                  the NuGet packages folder (Pester, and packages for isolation tests)
  VIDEOPLATFORMS_JOURNAL, VIDEOPLATFORMS_STATE_DIR  where the module keeps its journal and copy records
#>
[CmdletBinding()]
param(
    # Where to write the JSON record of the run (or of the discovery). Without it, only the console shows results.
    [string] $ResultPath,
    # Lists the tests without running them (Pester's Run.SkipRun): no Sandbox needed.
    [switch] $Discover,
    # Also write Pester's JUnit XML here, for CI systems that read it.
    [string] $JUnitPath,
    # The test files, or a folder of them; every *.Tests.ps1 next to this script by default.
    [string[]] $Path = $PSScriptRoot
)

# No script-wide $ErrorActionPreference: the tests run inside this script's scope, and must see pwsh's defaults, as a
# user's session has them.

# The NuGet packages folder: Pester comes from there, as the test project's PackageDownload put it.
if (-not $env:VIDEOPLATFORMS_NUGET_PACKAGES) {
    $env:VIDEOPLATFORMS_NUGET_PACKAGES = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
}
$pester = Join-Path $env:VIDEOPLATFORMS_NUGET_PACKAGES 'pester/5.9.1/tools/Pester.psd1'
if (-not (Test-Path -LiteralPath $pester)) {
    throw "Pester 5.9.1 is not in '$env:VIDEOPLATFORMS_NUGET_PACKAGES'. Run 'dotnet restore tests/VideoPlatforms.Pester' (its PackageDownload fetches it), or set VIDEOPLATFORMS_NUGET_PACKAGES to the folder that holds pester/5.9.1."
}
Import-Module $pester -RequiredVersion 5.9.1 -ErrorAction Stop

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Run.SkipRun = [bool] $Discover
$configuration.Output.Verbosity = if ($Discover) { 'None' } else { 'Detailed' }
if ($JUnitPath -and -not $Discover) {
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'JUnitXml'
    $configuration.TestResult.OutputPath = $JUnitPath
}
$run = Invoke-Pester -Configuration $configuration
# Pester only warns about a path it cannot find; a run of nothing must not pass.
if (@($run.Containers).Count -eq 0) { throw "No Pester test file found in '$($Path -join "', '")'." }

# Discovery leaves -ForEach templates unexpanded (Pester expands them as each block runs). Expand them the way Pester
# does, from the data of the block or test and of every block above it, so a discovered key equals the run's key.
function Expand-TestName([string] $Name, [object[]] $DataChain) {
    if ($Name -notlike '*<*') { return $Name }
    $expression = '"' + ($Name -replace '\$', '`$' -replace '"', '`"' -replace '(?<!`)<([^>^`]+)>', '$$($$$1)') + '"'
    & {
        foreach ($data in $DataChain) {
            if ($data -is [System.Collections.IDictionary]) {
                foreach ($key in $data.Keys) { Set-Variable -Name $key -Value $data[$key] }
            }
            Set-Variable -Name _ -Value $data
        }
        & ([scriptblock]::Create($expression))
    }
}

function Get-TestKey($Test, [string] $File) {
    $blocks = [System.Collections.Generic.List[object]]::new()
    for ($block = $Test.Block; $block -and -not $block.IsRoot; $block = $block.Parent) { $blocks.Insert(0, $block) }
    $names = [System.Collections.Generic.List[string]]::new()
    $chain = [System.Collections.Generic.List[object]]::new()
    foreach ($block in $blocks) {
        if ($null -ne $block.Data) { $chain.Add($block.Data) }
        $names.Add($(if ($Discover) { Expand-TestName $block.Name $chain } else { $block.ExpandedName }))
    }
    if ($null -ne $Test.Data) { $chain.Add($Test.Data) }
    $names.Add($(if ($Discover) { Expand-TestName $Test.Name $chain } else { $Test.ExpandedName }))
    "$File > $($names -join ' > ')"
}

function Get-ErrorText($ErrorRecords) {
    @(foreach ($record in $ErrorRecords) {
        # The lines of the stack that are the test's own, not Pester's or this runner's.
        $own = @("$($record.ScriptStackTrace)" -split "`r?`n" | Where-Object { $_ -and $_ -notmatch '[\\/](Pester\.psm?1|Invoke-PesterSuite\.ps1): line' })
        (@($record.Exception.Message) + $own) -join "`n"
    })
}

$files = foreach ($container in $run.Containers) {
    $file = if ($container.Item -is [System.IO.FileInfo]) { $container.Item.Name } else { "$($container.Item)" }
    # A block's ErrorRecord holds its BeforeAll/AfterAll failures; the container's, a file that did not load.
    $blockErrors = @(foreach ($block in $run.FailedBlocks) {
        if ("$($block.BlockContainer.Item)" -eq "$($container.Item)") { Get-ErrorText $block.ErrorRecord | ForEach-Object { "$($block.ExpandedPath): $_" } }
    })
    [ordered]@{
        File = $file
        Result = "$($container.Result)"
        Errors = @(Get-ErrorText $container.ErrorRecord) + $blockErrors
    }
}

$tests = foreach ($test in $run.Tests) {
    $file = [System.IO.Path]::GetFileName($test.ScriptBlock.File)
    # A test that did not pass because a block above it failed (a BeforeAll that threw) carries no error of its own:
    # report the nearest block's.
    $errors = @(Get-ErrorText $test.ErrorRecord)
    for ($block = $test.Block; $errors.Count -eq 0 -and $test.Result -ne 'Passed' -and $block; $block = $block.Parent) {
        $errors = @(Get-ErrorText $block.ErrorRecord | ForEach-Object { "$($block.ExpandedPath) failed: $_" })
    }
    [ordered]@{
        Key = Get-TestKey $test $file
        File = $file
        Line = $test.ScriptBlock.StartPosition.StartLine
        Result = "$($test.Result)"
        # -Skip:(condition) is decided at discovery (e.g. a test only for Linux): such a test is no case of dotnet test.
        Skip = [bool] $test.Skip
        DurationMs = [int] $test.Duration.TotalMilliseconds
        Errors = $errors
    }
}

if ($ResultPath) {
    [ordered]@{ Files = @($files); Tests = @($tests) } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $ResultPath -Encoding utf8
}
if (-not $Discover -and $run.Result -ne 'Passed') { exit 1 }
