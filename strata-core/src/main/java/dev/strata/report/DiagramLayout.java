package dev.strata.report;

import dev.strata.report.EntityDiagram.Box;
import dev.strata.report.EntityDiagram.Link;
import dev.strata.report.EntityDiagram.Row;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.PortConstraints;
import org.eclipse.elk.core.options.PortSide;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkPort;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Places the boxes and routes the links of an {@link EntityDiagram} with the layered algorithm of
 * ELK, the Eclipse Layout Kernel: referenced tables to the left of the tables that reference them,
 * orthogonal edges from the key column's row to the referenced column's row, each label placed by
 * the layout so that none covers a box. Text is measured by counting characters of a monospace font,
 * so no font is needed to lay out (a headless JVM has none) and the same schema always gives the
 * same coordinates.
 *
 * <p>This is the only class that uses ELK, an optional dependency of strata-core (see
 * docs/architecture.md): {@link MigrationDocs} turns its absence into a message.
 */
final class DiagramLayout {

    /** The width of one character of the 12px monospace font, a little above DejaVu Sans Mono's 7.22. */
    static final double CHAR = 7.4;
    /** The same for the 11px labels of the links. */
    static final double LABEL_CHAR = 6.8;

    static final double HEADER = 26;
    static final double ROW = 20;
    static final double PAD = 10;
    static final double LABEL_HEIGHT = 15;
    /** Room for "PK FK" before each column name. */
    static final double MARKS = 5 * CHAR + 10;
    /** Names longer than this are cut in the drawing (the full name is the box's tooltip). */
    static final int LONGEST_NAME = 48;

    private DiagramLayout() {}

    /** A placed box: its top-left corner and size. */
    record Placed(double x, double y, double width, double height) {}

    /** A routed link: its points from the referencing row to the referenced one, and its label's box. */
    record Route(List<double[]> points, Placed label) {
        Route {
            points = List.copyOf(points);
        }
    }

    /** The whole drawing. */
    record Drawing(double width, double height, List<Placed> boxes, List<Route> routes) {
        Drawing {
            boxes = List.copyOf(boxes);
            routes = List.copyOf(routes);
        }
    }

    static Drawing layout(EntityDiagram diagram) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.LEFT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.RANDOM_SEED, 1);
        root.setProperty(CoreOptions.ASPECT_RATIO, 1.6);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 30.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 50.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 20.0);
        root.setProperty(CoreOptions.SPACING_EDGE_LABEL, 4.0);
        root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(12));

        List<ElkNode> nodes = new ArrayList<>();
        for (Box box : diagram.boxes()) {
            ElkNode node = ElkGraphUtil.createNode(root);
            node.setDimensions(width(box), height(box));
            node.setProperty(CoreOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_POS);
            nodes.add(node);
        }
        List<ElkEdge> edges = new ArrayList<>();
        for (Link link : diagram.links()) {
            ElkPort from = port(nodes.get(link.from()), link.fromRow(), PortSide.WEST);
            ElkPort to = port(nodes.get(link.to()), link.toRow(), PortSide.EAST);
            ElkEdge edge = ElkGraphUtil.createSimpleEdge(from, to);
            ElkLabel label = ElkGraphUtil.createLabel(link.label(), edge);
            label.setDimensions(labelWidth(link.label()), LABEL_HEIGHT);
            label.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
            edges.add(edge);
        }

        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        List<Placed> boxes = nodes.stream()
                .map(node -> new Placed(node.getX(), node.getY(), node.getWidth(), node.getHeight()))
                .toList();
        List<Route> routes = edges.stream().map(DiagramLayout::route).toList();
        return new Drawing(root.getWidth(), root.getHeight(), boxes, routes);
    }

    static double width(Box box) {
        int name = 0;
        int type = 0;
        for (Row row : box.rows()) {
            name = Math.max(name, shown(row.name()).length());
            type = Math.max(type, shown(row.type()).length());
        }
        double columns = PAD + MARKS + name * CHAR + (type == 0 ? 0 : 16 + type * CHAR) + PAD;
        double header = PAD + Math.max(shown(box.name()).length(), box.missing() ? 19 : 0) * CHAR + PAD;
        return Math.ceil(Math.max(120, Math.max(columns, header)));
    }

    static double height(Box box) {
        return HEADER + Math.max(1, box.rows().size()) * ROW + 4;
    }

    /** The vertical middle of a row, or of the header for -1. */
    static double rowMiddle(int row) {
        return row < 0 ? HEADER / 2 : HEADER + row * ROW + ROW / 2;
    }

    static double labelWidth(String label) {
        return Math.ceil(label.length() * LABEL_CHAR + 8);
    }

    /** A name as drawn: cut after {@link #LONGEST_NAME} characters. */
    static String shown(String name) {
        return name.length() <= LONGEST_NAME ? name : name.substring(0, LONGEST_NAME - 1) + "\u2026";
    }

    private static ElkPort port(ElkNode node, int row, PortSide side) {
        ElkPort port = ElkGraphUtil.createPort(node);
        port.setDimensions(0, 0);
        port.setLocation(side == PortSide.WEST ? 0 : node.getWidth(), rowMiddle(row));
        port.setProperty(CoreOptions.PORT_SIDE, side);
        return port;
    }

    private static Route route(ElkEdge edge) {
        List<double[]> points = new ArrayList<>();
        for (ElkEdgeSection section : edge.getSections()) {
            points.add(new double[] {section.getStartX(), section.getStartY()});
            for (ElkBendPoint bend : section.getBendPoints()) {
                points.add(new double[] {bend.getX(), bend.getY()});
            }
            points.add(new double[] {section.getEndX(), section.getEndY()});
        }
        ElkLabel label = edge.getLabels().get(0);
        return new Route(points, new Placed(label.getX(), label.getY(), label.getWidth(), label.getHeight()));
    }
}
