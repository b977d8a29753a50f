// Entry point of the codezero CLI: splits off guest arguments, parses verbs, maps failures to exit statuses.
using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using CommandLine;
using CommandLine.Text;
using Codezero.Cli.Options;

namespace Codezero.Cli;

public static class Program
{
    // CommandLineParser finds options by reflection; these keep the option classes whole when trimming.
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(GuestOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(RunOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(CompareQemuOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(KernelRunOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(BootOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(InspectOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(BenchOptions))]
    public static int Main(string[] args)
    {
        try
        {
            return Dispatch(args);
        }
        catch (CliFailure failure)
        {
            Console.Out.Flush();
            Console.Error.WriteLine("codezero: " + failure.Message);
            return failure.Status;
        }
    }

    private static int Dispatch(string[] args)
    {
        (string[] parserArgs, string[] guestArgs) = ArgumentSplitter.Split(args);
        using var parser = new Parser(settings =>
        {
            settings.HelpWriter = null;
            settings.AutoHelp = true;
            settings.AutoVersion = true;
            settings.EnableDashDash = true;
        });
        ParserResult<object> result = parser.ParseArguments(parserArgs, typeof(RunOptions), typeof(CompareQemuOptions), typeof(KernelRunOptions),
            typeof(BootOptions), typeof(InspectOptions), typeof(BenchOptions));
        if (result is Parsed<object> parsed)
        {
            switch (parsed.Value)
            {
                case RunOptions run:
                    return RunCommand.Execute(run, guestArgs);
                case CompareQemuOptions compare:
                    return CompareQemuCommand.Execute(compare, guestArgs);
                case KernelRunOptions kernel:
                    return KernelCommand.Execute(kernel);
                case BootOptions boot:
                    return BootCommand.Execute(boot);
                case InspectOptions inspect:
                    return InspectCommand.Execute(inspect);
                case BenchOptions bench:
                    return BenchCommand.Execute(bench);
            }
        }
        return ReportParseErrors(result, ((NotParsed<object>)result).Errors);
    }

    private static int ReportParseErrors(ParserResult<object> result, IEnumerable<Error> errors)
    {
        bool requested = false;
        foreach (Error error in errors)
        {
            if (error.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError or ErrorType.VersionRequestedError)
            {
                requested = true;
            }
        }
        if (requested && IsVersion(errors))
        {
            Console.Out.WriteLine(HeadingInfo.Default.ToString());
            return 0;
        }
        if (requested)
        {
            HelpText help = HelpText.AutoBuild(result, h =>
            {
                h.Heading = "codezero: a Codezero-style container microkernel on an emulated vexpress-a9 (Cortex-A9) board";
                h.Copyright = "usage: codezero boot|inspect <manifest>, codezero kernel <program.elf>..., codezero run|compare-qemu [options] <elf> [guest args...]";
                h.AdditionalNewLineAfterOption = false;
                return h;
            });
            Console.Out.WriteLine(help.ToString());
            return 0;
        }
        // A usage error: one line per problem, then where to look; no help screen.
        SentenceBuilder sentences = SentenceBuilder.Create();
        foreach (Error error in errors)
        {
            bool missingElf = error is MissingRequiredOptionError missing && missing.NameInfo.Equals(NameInfo.EmptyName);
            Console.Error.WriteLine("codezero: " + (missingElf ? "missing the <elf> argument" : sentences.FormatError(error)));
        }
        Console.Error.WriteLine("codezero: see 'codezero --help' or 'codezero run --help'");
        return ExitStatus.Usage;
    }

    private static bool IsVersion(IEnumerable<Error> errors)
    {
        foreach (Error error in errors)
        {
            if (error.Tag == ErrorType.VersionRequestedError)
            {
                return true;
            }
        }
        return false;
    }
}
