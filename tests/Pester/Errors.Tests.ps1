# Errors as a person meets them: one bad item does not stop the rest, -ErrorAction Stop does, and the error record
# ($Error[0], -ErrorVariable, catch) says what failed, why, and about which item.

BeforeDiscovery {
    # One Describe per platform of the one table (Platforms.psd1).
    $Platforms = (Import-PowerShellDataFile -LiteralPath "$PSScriptRoot/Platforms.psd1").Platforms
}

Describe 'Errors on <Provider>' -ForEach $Platforms {
    BeforeAll {
        . "$PSScriptRoot/Common.ps1"
        Reset-Sandbox
        Connect-SandboxPlatform $Provider
        $platformNumber = $Number
        $first = New-TestVideoFile -Path (Join-Path $TestDrive first.mp4) -Seed (200 + $platformNumber)
        $second = New-TestVideoFile -Path (Join-Path $TestDrive second.mp4) -Seed (210 + $platformNumber)
        $missing = Join-Path $TestDrive 'not there.mp4'
    }

    It 'a missing file among others is one non-terminating error; the others upload' {
        $videos = @(Send-Video -LiteralPath $first.FullName, $missing, $second.FullName -ErrorVariable failed -ErrorAction SilentlyContinue)
        $videos.Path | Should -Be @($first.FullName, $second.FullName)
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'FileNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $failed[0].TargetObject | Should -Be $missing
        $failed[0].Exception.Message | Should -BeLike "*$missing*"
    }

    It 'an unknown id among piped ones is one error; the others are removed' {
        $a = Send-Video -Path (New-TestVideoFile (Join-Path $TestDrive a.mp4) -Seed (220 + $platformNumber)).FullName
        $b = Send-Video -Path (New-TestVideoFile (Join-Path $TestDrive b.mp4) -Seed (230 + $platformNumber)).FullName
        $a.Id, 'nosuchvideo0000', $b.Id | Remove-Video -Force -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'VideoNotFound,VideoPlatforms.Commands.RemoveVideoCommand'
        $failed[0].TargetObject | Should -Be 'nosuchvideo0000'
        foreach ($gone in $a, $b) { Get-Video -Id $gone.Id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty }
    }

    It '-ErrorAction Stop ends the command at the first failure, and catch gets the record' {
        $caught = $null
        try { Send-Video -LiteralPath $missing, $first.FullName -ErrorAction Stop }
        catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'FileNotFound,*'
        $caught.TargetObject | Should -Be $missing
    }

    It '$Error[0] holds the last failure with its id, category, target and command' {
        $Error.Clear()
        Get-Video -Id nosuchvideo0000 -ErrorAction SilentlyContinue
        $Error.Count | Should -Be 1
        $Error[0].FullyQualifiedErrorId | Should -Be 'VideoNotFound,VideoPlatforms.Commands.GetVideoCommand'
        $Error[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $Error[0].TargetObject | Should -Be 'nosuchvideo0000'
        $Error[0].Exception.Message | Should -BeLike '*nosuchvideo0000*'
        $Error[0].InvocationInfo.MyCommand.Name | Should -Be 'Get-Video'
    }

    It 'bad input names the input and says what to do, before anything is sent' {
        $null = Invoke-SandboxAdmin -Path requests -Method Delete
        Send-Video -Path $TestDrive -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'PathIsDirectory,*'
        $failed[0].Exception.Message | Should -BeLike "*$TestDrive*"
        @(Invoke-SandboxAdmin "requests?platform=$($SandboxPlatforms[$Provider].Admin)" | ForEach-Object { $_ }) | Should -BeNullOrEmpty
    }
}
