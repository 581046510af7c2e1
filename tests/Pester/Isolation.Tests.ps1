# The module's RestSharp, Newtonsoft.Json and Polly.Core load in its own AssemblyLoadContext (see
# src/VideoPlatforms.Loader/ModuleLoadContext.cs), so another version of them in the same pwsh breaks neither side,
# whichever comes first. Each case starts a fresh pwsh that runs Isolation.Scenario.ps1: nothing can be unloaded
# from a process, so "first" only means something in a new one.
#
# The other versions are real packages, restored by tests/Pester/IsolationPackages.props into the NuGet package
# folder: $env:VIDEOPLATFORMS_NUGET_PACKAGES, else $env:NUGET_PACKAGES, else ~/.nuget/packages.
#
# Newtonsoft.Json is a special case in pwsh: PowerShell ships and loads its own 13.0.x at start-up, so Add-Type -Path
# of any other Newtonsoft.Json hands back PowerShell's copy, module or not. Its cases check that the other script
# gets exactly what it gets without the module, and that the module uses the 13.0.3 it was built with.

BeforeDiscovery {
    $script:Cases = @(
        # Older than the module's (112.1.0): loaded first, it used to make Connect-VideoProvider throw FileLoadException.
        @{ Library = 'RestSharp'; Version = '108.0.3'; File = 'restsharp/108.0.3/lib/net6.0/RestSharp.dll' }
        @{ Library = 'RestSharp'; Version = '114.0.0'; File = 'restsharp/114.0.0/lib/net8.0/RestSharp.dll' }
        @{ Library = 'Newtonsoft.Json'; Version = '12.0.3'; File = 'newtonsoft.json/12.0.3/lib/netstandard2.0/Newtonsoft.Json.dll' }
        @{ Library = 'Newtonsoft.Json'; Version = '13.0.1'; File = 'newtonsoft.json/13.0.1/lib/netstandard2.0/Newtonsoft.Json.dll' }
        # Every Polly.Core 8.x is assembly version 8.0.0.0: in one context the first file loaded silently serves both.
        @{ Library = 'Polly.Core'; Version = '8.1.0'; File = 'polly.core/8.1.0/lib/net6.0/Polly.Core.dll' }
        @{ Library = 'Polly.Core'; Version = '8.9.1'; File = 'polly.core/8.9.1/lib/net8.0/Polly.Core.dll' }
    )
}

BeforeAll {
    . "$PSScriptRoot/Common.ps1"

    $script:Manifest = (Resolve-Path -LiteralPath $ModuleManifest).Path
    $script:ModuleLibFolder = Join-Path (Split-Path $Manifest) 'lib'
    $script:Packages = @($env:VIDEOPLATFORMS_NUGET_PACKAGES, $env:NUGET_PACKAGES, (Join-Path $HOME '.nuget/packages')) |
        Where-Object { $_ } | Select-Object -First 1
    $script:Scenario = Join-Path $PSScriptRoot 'Isolation.Scenario.ps1'

    # The pwsh running these tests, started afresh for each case.
    $script:Pwsh, [string[]] $script:PwshArguments = Get-PwshCommand
    if (-not $PwshArguments) { $script:PwshArguments = @() }

    function Invoke-IsolationScenario([string] $Order, [string] $Library, [string] $OtherPath) {
        $arguments = $PwshArguments + @('-NoProfile', '-NonInteractive', '-File', $Scenario, '-Order', $Order, '-Library', $Library,
            '-OtherPath', $OtherPath, '-Manifest', $Manifest, '-SandboxRoot', $SandboxRoot, '-Work', $TestDrive)
        $output = & $Pwsh @arguments 2>&1
        $report = $output | Where-Object { $_ -is [string] -and $_.StartsWith('{"Order"') } | Select-Object -Last 1
        if (-not $report) { throw "The $Order scenario printed no report (exit code $LASTEXITCODE): $($output -join [Environment]::NewLine)" }
        $report | ConvertFrom-Json
    }

    # What every case expects of a run with the module: no error, the video round trip, and the module's three
    # libraries each loaded once, from its lib folder, in its own context, whatever the other script loaded.
    function Assert-ModuleWorkedInItsOwnContext($Run) {
        $Run.Error | Should -BeNullOrEmpty
        $Run.Sent.Id | Should -Not -BeNullOrEmpty
        $Run.Read.Id | Should -Be $Run.Sent.Id
        $Run.Read.Title | Should -Be "isolation $($Run.Library) $($Run.Order)"
        foreach ($name in 'RestSharp', 'Newtonsoft.Json', 'Polly.Core') {
            $own = @($Run.Loaded | Where-Object { $_.Name -eq $name -and $_.Location -like "$ModuleLibFolder*" })
            $own.Count | Should -Be 1 -Because "the module loads one $name, from $ModuleLibFolder"
            $own[0].Context | Should -Be 'VideoPlatforms' -Because "the module's $name is private to it"
        }
    }
}

Describe 'Another version of <Library> (<Version>) in the same pwsh' -ForEach $Cases {
    BeforeAll {
        $OtherPath = Join-Path $Packages $File
        # Without the module: what the other script gets on its own (for Newtonsoft.Json, PowerShell's own copy).
        $Alone = if ((Test-Path -LiteralPath $OtherPath) -and $Library -eq 'Newtonsoft.Json') { Invoke-IsolationScenario Alone $Library $OtherPath }
        $ExpectedOther = if ($Alone) { $Alone.Other.Location } else { $OtherPath }
    }

    It 'is restored by IsolationPackages.props' {
        $OtherPath | Should -Exist -Because 'tests/Pester/IsolationPackages.props downloads it into the NuGet package folder'
    }

    It 'loaded before Import-Module: the module works with its own copy, and the other script keeps its <Library>' {
        $run = Invoke-IsolationScenario Before $Library $OtherPath
        Assert-ModuleWorkedInItsOwnContext $run
        $run.Other.Location | Should -Be $ExpectedOther
        $run.Other.Context | Should -Be 'Default'
        $run.Other.Result | Should -Not -BeNullOrEmpty
    }

    It 'loaded after Import-Module: the other script gets its <Library>, and the module keeps working with its own' {
        $run = Invoke-IsolationScenario After $Library $OtherPath
        Assert-ModuleWorkedInItsOwnContext $run
        $run.Other.Location | Should -Be $ExpectedOther
        $run.Other.Context | Should -Be 'Default'
        $run.Other.Result | Should -Not -BeNullOrEmpty
    }
}

Describe 'The object model by type name, with the Engine in the module''s own context' {
    BeforeAll {
        Connect-SandboxPlatform -Provider ApiVideo
        $Clip = New-TestVideoFile -Path (Join-Path $TestDrive 'typed.mp4')
    }

    It '[VideoPlatforms.Video] names the type the cmdlets output' {
        $video = Send-Video -Path $Clip -Title 'typed'
        $video -is [VideoPlatforms.Video] | Should -BeTrue
        [VideoPlatforms.Video] | Should -Be $video.GetType()
        [VideoPlatforms.VideoPrivacy]::Unlisted | Should -Be 'Unlisted'
        $video | Remove-Video -Force
    }

    It 'catch [VideoPlatforms.VideoProviderException] catches the platform''s refusal' {
        $caught = $null
        try { Get-Video -Id 'vi-no-such-video' -ErrorAction Stop }
        catch [VideoPlatforms.VideoProviderException] { $caught = $_.Exception }
        $caught | Should -Not -BeNullOrEmpty
    }
}
