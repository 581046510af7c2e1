# Get-Help as a user reads it in pwsh, for every exported cmdlet: complete, showing exactly the parameters a person
# may type, with true default values, and -Online opening that cmdlet's page in the repository's docs.

BeforeDiscovery {
    # The manifest Common.ps1 imports: the built module's.
    $path = if ($env:VIDEOPLATFORMS_MODULE) { $env:VIDEOPLATFORMS_MODULE } else { "$PSScriptRoot/../../out/VideoPlatforms/VideoPlatforms.psd1" }
    $manifest = Import-PowerShellDataFile -LiteralPath $path
    $script:CmdletCases = foreach ($name in $manifest.CmdletsToExport) { @{ Name = $name } }
}

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    . "$PSScriptRoot/ChildPwsh.ps1"
    $script:ProjectUri = (Get-Module VideoPlatforms).ProjectUri.AbsoluteUri.TrimEnd('/')
    $script:CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

    # The parameters a person may type: not the common ones, not those marked [Parameter(DontShow)].
    function Get-VisibleParameter([System.Management.Automation.CommandInfo] $Command) {
        $Command.Parameters.Values | Where-Object {
            $_.Name -notin $CommonParameters -and -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
        }
    }

    # What the parameter's default really is, read from the cmdlet: [PSDefaultValue(Help)] when the cmdlet works it
    # out at run time, else the value a new instance of the cmdlet holds (its property initialiser).
    function Get-RealDefault([System.Management.Automation.CmdletInfo] $Command, [System.Management.Automation.ParameterMetadata] $Parameter) {
        $property = $Command.ImplementingType.GetProperty($Parameter.Name)
        if (-not $property) { return $(if ($Parameter.SwitchParameter) { 'False' } else { 'None' }) }
        $stated = $property.GetCustomAttributes([System.Management.Automation.PSDefaultValueAttribute], $true) | Select-Object -First 1
        if ($stated) { return $stated.Help }
        $mandatory = @($Parameter.ParameterSets.Values | Where-Object { -not $_.IsMandatory }).Count -eq 0
        if ($mandatory) { return 'None' }
        $value = $property.GetValue([Activator]::CreateInstance($Command.ImplementingType))
        if ($value -is [System.Management.Automation.SwitchParameter]) { return "$($value.IsPresent)" }
        if ($null -eq $value -or ($value -is [string] -and $value -eq '')) { return 'None' }
        if ($value -is [ValueType] -and $value -eq [Activator]::CreateInstance($value.GetType())) { return 'None' }
        [string]::Format([cultureinfo]::InvariantCulture, '{0}', $value)
    }
}

Describe 'Get-Help <Name>' -ForEach $CmdletCases {
    BeforeAll {
        $command = Get-Command -Name $Name -Module VideoPlatforms
        $help = Get-Help -Name $Name -Full
        $helpParameters = @($help.parameters.parameter)
        $visible = @(Get-VisibleParameter $command)
    }

    It 'has a synopsis, a description and examples' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^\s*$([regex]::Escape($Name))\s*(\[|$)" -Because 'a generated synopsis is only the syntax'
        ($help.description.Text -join '') | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.examples.example) { $example.code | Should -Not -BeNullOrEmpty }
    }

    It 'keeps each item of a list in its source page a paragraph of its own' {
        # Before: the help compiler joined a Markdown list into the paragraph above it, so Sync-Video's description
        # read "... (Action Upload). - A file whose content ..." as one block.
        $page = Join-Path $PSScriptRoot "../../docs/en-US/$Name.md"
        $description = ((Get-Content -Raw -LiteralPath $page) -split '(?m)^## ')[1..99] | Where-Object { $_ -like 'DESCRIPTION*' }
        $items = [regex]::Matches("$description", '(?m)^- ').Count
        @($help.description.Text | Where-Object { $_.StartsWith('- ') }).Count | Should -Be $items -Because "each of the $items list items of $Name's description starts a paragraph"
    }

    It 'describes every parameter a person may type, and no hidden one' {
        ($helpParameters.name | Where-Object { $_ -notin 'WhatIf', 'Confirm' } | Sort-Object) |
            Should -Be ($visible.Name | Where-Object { $_ -notin 'WhatIf', 'Confirm' } | Sort-Object)
        foreach ($parameter in $helpParameters) {
            ($parameter.description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$($parameter.name) is described"
        }
        $hidden = $command.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow } }
        foreach ($parameter in $hidden) {
            $helpParameters.name | Should -Not -Contain $parameter.Name
            ($help.syntax | Out-String -Width 500) | Should -Not -Match "-$($parameter.Name)\b"
        }
    }

    It 'gives each parameter its real default value' {
        foreach ($parameter in $helpParameters) {
            $expected = Get-RealDefault -Command $command -Parameter $command.Parameters[$parameter.name]
            $parameter.defaultValue | Should -Be $expected -Because "-$($parameter.name)'s default comes from the cmdlet"
        }
    }

    It 'links its online version to its page in the repository docs, which exists' {
        $first = @($help.relatedLinks.navigationLink)[0]
        $first.linkText | Should -Be 'Online Version:'
        $first.uri | Should -Be "$ProjectUri/blob/main/docs/en-US/$Name.md"
        "$RepositoryRoot/docs/en-US/$Name.md" | Should -Exist
    }
}

Describe 'Get-Help defaults a person relies on' {
    It '<Command> -<Parameter> defaults to <Expected>' -ForEach @(
        @{ Command = 'Send-Video'; Parameter = 'ThrottleLimit'; Expected = '1' }
        @{ Command = 'Send-Video'; Parameter = 'ChunkSize'; Expected = 'api.video 50MB, Vimeo 128MB; Ziggeo and BigGo send the file in one request' }
        @{ Command = 'Wait-Video'; Parameter = 'Timeout'; Expected = '01:00:00' }
        @{ Command = 'Connect-VideoProvider'; Parameter = 'MaximumRetryCount'; Expected = '5' }
        @{ Command = 'Connect-VideoProvider'; Parameter = 'TimeoutSec'; Expected = '100' }
        @{ Command = 'Save-Video'; Parameter = 'Quality'; Expected = 'Best' }
        @{ Command = 'Remove-Video'; Parameter = 'Force'; Expected = 'False' }
        @{ Command = 'Remove-Video'; Parameter = 'WhatIf'; Expected = 'False' }
    ) {
        (Get-Help -Name $Command -Parameter $Parameter).defaultValue | Should -Be $Expected
    }
}

Describe 'Get-Help -Online' {
    It 'opens the cmdlet''s page in the browser' -Skip:(-not $IsLinux) {
        # .NET opens a URL on Linux with xdg-open: a stand-in on PATH records what it was asked to open.
        $bin = Join-Path ([System.IO.Path]::GetTempPath()) "vp-online-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory -Path $bin
        try {
            $opened = Join-Path $bin 'opened.txt'
            Set-Content -LiteralPath "$bin/xdg-open" -Value "#!/bin/sh`nprintf '%s\n' `"`$1`" >> '$opened'"
            & chmod +x "$bin/xdg-open"
            $null = Invoke-ChildPwsh -Script "Import-Module '$ModuleManifest'; Get-Help Send-Video -Online" -Environment @{ PATH = "$bin$([System.IO.Path]::PathSeparator)$env:PATH" }
            # xdg-open is started, not waited for.
            $deadline = [datetime]::UtcNow.AddSeconds(30)
            while (-not (Test-Path -LiteralPath $opened) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            Get-Content -LiteralPath $opened | Should -Be "$ProjectUri/blob/main/docs/en-US/Send-Video.md"
        }
        finally {
            Remove-Item -LiteralPath $bin -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
