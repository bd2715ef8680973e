package io.catalog.graph.github;

import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHTree;
import org.kohsuke.github.GHTreeEntry;
import org.kohsuke.github.HttpException;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds a repository's descriptors on one branch, with as few requests as GitHub allows:
 * <ul>
 *   <li>an exact {@code catalog-path}: one contents request for that file. A 404 says there is none, so a repository
 *       without a descriptor costs one request and produces no location (and no error); when it is there, the stored
 *       answer makes the refresh loop's read of the same URL a free 304;</li>
 *   <li>a glob: the recursive tree of the branch (one request); when GitHub truncates it, the tree is walked folder by
 *       folder, each sub-tree again recursive, at most {@link #MAX_TREE_REQUESTS} requests; beyond that the search is
 *       incomplete and no descriptor is removed because of it.</li>
 * </ul>
 * Errors other than "not there" (5xx, rate limits, timeouts) are thrown: the caller decides.
 */
final class DescriptorFinder {

    static final int MAX_TREE_REQUESTS = 100;

    /** The descriptor paths found (no leading slash), and whether that is all of them. */
    record Found(List<String> paths, boolean complete) {
    }

    private DescriptorFinder() {
    }

    static Found find(GHRepository repository, String branch, CatalogPathPattern pattern) throws IOException {
        return pattern.isGlob() ? inTree(repository, branch, pattern) : atPath(repository, branch, pattern.path());
    }

    private static Found atPath(GHRepository repository, String branch, String path) throws IOException {
        try {
            GHContent content = repository.getFileContent(path, branch);
            return new Found(content.isFile() ? List.of(path) : List.of(), true);
        } catch (GHFileNotFoundException e) {
            return new Found(List.of(), true);
        } catch (HttpException e) {
            if (emptyRepository(e)) {
                return new Found(List.of(), true);
            }
            throw e;
        }
    }

    private static Found inTree(GHRepository repository, String branch, CatalogPathPattern pattern) throws IOException {
        GHTree root;
        try {
            root = repository.getTreeRecursive(branch, 1);
        } catch (GHFileNotFoundException e) {
            return new Found(List.of(), true); // no such branch (or an empty repository)
        } catch (HttpException e) {
            if (emptyRepository(e)) {
                return new Found(List.of(), true);
            }
            throw e;
        }
        Set<String> found = new LinkedHashSet<>();
        collect(root, "", pattern, found);
        if (!root.isTruncated()) {
            return new Found(List.copyOf(found), true);
        }
        return walk(repository, branch, pattern, found);
    }

    /** A truncated tree: folder by folder from the root, each folder's sub-tree read recursively when it fits. */
    private static Found walk(GHRepository repository, String branch, CatalogPathPattern pattern, Set<String> found) throws IOException {
        record Folder(String sha, String prefix, boolean recursive) {
        }
        Deque<Folder> pending = new ArrayDeque<>();
        pending.add(new Folder(branch, "", false));
        int requests = 1;
        while (!pending.isEmpty()) {
            if (requests >= MAX_TREE_REQUESTS) {
                return new Found(List.copyOf(found), false);
            }
            Folder folder = pending.removeFirst();
            requests++;
            if (folder.recursive()) {
                GHTree tree = repository.getTreeRecursive(folder.sha(), 1);
                if (!tree.isTruncated()) {
                    collect(tree, folder.prefix(), pattern, found);
                } else {
                    // a truncated answer holds some entries at any depth: list this folder's own entries instead
                    pending.addFirst(new Folder(folder.sha(), folder.prefix(), false));
                }
                continue;
            }
            for (GHTreeEntry entry : repository.getTree(folder.sha()).getTree()) {
                String path = folder.prefix() + entry.getPath();
                if ("tree".equals(entry.getType())) {
                    pending.addLast(new Folder(entry.getSha(), path + "/", true));
                } else if ("blob".equals(entry.getType()) && pattern.matches(path)) {
                    found.add(path);
                }
            }
        }
        return new Found(List.copyOf(found), true);
    }

    private static void collect(GHTree tree, String prefix, CatalogPathPattern pattern, Set<String> found) {
        for (GHTreeEntry entry : tree.getTree()) {
            String path = prefix + entry.getPath();
            if ("blob".equals(entry.getType()) && pattern.matches(path)) {
                found.add(path);
            }
        }
    }

    /** GitHub answers 409 "Git Repository is empty." for the trees and contents of a repository without commits. */
    private static boolean emptyRepository(HttpException e) {
        return e.getResponseCode() == 409;
    }
}
